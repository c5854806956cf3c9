import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../app/workspace-context';

/** Display name for a user id; null means the system (a status action, an import). */
export function useUserName(): (id: number | null) => string {
  const ws = useWorkspace();
  const { t } = useTranslation();
  return (id) => (id === null ? t('common.system') : (ws.userById.get(id)?.name ?? t('common.unknownUser')));
}

export function useStatusName(): (id: number | null) => string {
  const ws = useWorkspace();
  return (id) => (id === null ? '' : (ws.statusById.get(id)?.name ?? `#${id}`));
}
