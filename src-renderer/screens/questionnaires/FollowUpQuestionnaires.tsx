import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireView, RecordDetail } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { routeHref } from '../../app/route';

/** On a record: the follow-up questionnaires of its workflow, each started in the kiosk for this record. */
export function FollowUpQuestionnaires({ record }: { record: RecordDetail }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [list, setList] = useState<QuestionnaireView[]>([]);
  useEffect(() => {
    void api.listQuestionnaires({}).then((r) => {
      if (r.ok) setList(r.value.filter((q) => q.mode === 'follow_up' && q.workflowId === record.workflowId));
    });
  }, [api, record.workflowId]);
  if (list.length === 0) return null;
  return (
    <section className="panel" aria-label={t('mitid.list.followUp')} data-testid="follow-up-questionnaires">
      <h2>{t('mitid.list.followUp')}</h2>
      <ul>
        {list.map((q) => (
          <li key={q.id}>
            <a className="btn btn-small" href={routeHref({ name: 'kiosk', questionnaireId: q.id, recordId: record.id })}>
              {t('mitid.list.startFollowUp', { title: q.title })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
