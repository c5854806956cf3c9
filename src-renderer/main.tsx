import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/i18n';
import './styles/base.css';
import './styles/layout.css';
import './styles/list.css';
import './styles/record.css';
import './styles/admin.css';
import { selectApi } from './api/select-api';
import { Root } from './app/Root';
import { createFlag } from './app/flag';

// The API is chosen before React starts: reading the token out of the URL must
// happen once, before anything renders or routes on the hash.
const expired = createFlag();
const selection = selectApi(() => expired.set());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <Root selection={selection} expired={expired} />
  </StrictMode>,
);
