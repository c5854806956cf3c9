import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AppInfo, SessionAccessView, UserView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { MitidSignIn } from '../user-picker/MitidSignIn';
import { OsAccountSignIn } from './OsAccountSignIn';
import { PickerList } from './PickerList';

interface Props {
  info: AppInfo;
  access: SessionAccessView;
  onSignedIn: (user: UserView) => void;
  /** Offer linking a first MitID to a profile: on the start screen only (main refuses it when locked or in the kiosk). */
  allowLink?: boolean;
}

/** The sign-in the workspace policy asks for, without a page around it: the start and lock screens, the kiosk's leave dialog. */
export function SignInBody({ info, access, onSignedIn, allowLink = false }: Props): ReactNode {
  const api = useApi();
  const [users, setUsers] = useState<UserView[]>([]);
  useEffect(() => {
    if (access.policy.method !== 'mitid') return;
    void api.listUsers({}).then((r) => r.ok && setUsers(r.value));
  }, [api, access.policy.method]);
  switch (access.policy.method) {
    case 'os_account':
      return <OsAccountSignIn account={access.osAccount} onSignedIn={onSignedIn} />;
    case 'mitid':
      return <MitidSignIn info={info} users={users} currentUserId={null} onSelected={onSignedIn} allowLink={allowLink} />;
    case 'picker':
      return <PickerList onSignedIn={onSignedIn} />;
  }
}
