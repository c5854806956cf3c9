// `node --import ./register.mjs out/main/index.js`: maps the `electron` import of the
// built entry (and of electron-store) to the recording stub beside this file.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
