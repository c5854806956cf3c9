import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, DocumentTemplateView, MailingFilter, MailingView } from '../../../src-main/contract';
import { useApi } from '../../api/api-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDebounced } from '../../components/use-debounced';
import { WorkflowOptions } from '../../components/WorkflowOptions';
import { useWorkspace } from '../../app/workspace-context';
import { MailingDetail } from './MailingDetail';
import { routeHref } from '../../app/route';

/** Mailings: records chosen by filter, one personalised letter each, prepared into the outbox. */
export function MailingsScreen(): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const ws = useWorkspace();
  const [templates, setTemplates] = useState<DocumentTemplateView[]>([]);
  const [mailings, setMailings] = useState<MailingView[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [workflowId, setWorkflowId] = useState<number | null>(null);
  const [statusId, setStatusId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [mine, setMine] = useState(false);
  const [matching, setMatching] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const filter: MailingFilter = {
    ...(workflowId !== null ? { workflowId } : {}),
    ...(statusId !== null ? { statusId } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(mine ? { mine: true } : {}),
  };
  const filterKey = useDebounced(JSON.stringify(filter), 250);

  const reload = useCallback(async () => {
    const [tpl, list] = await Promise.all([api.listDocumentTemplates({}), api.listMailings({})]);
    if (tpl.ok) {
      setTemplates(tpl.value);
      setTemplateId((current) => current ?? tpl.value[0]?.id ?? null);
    }
    if (list.ok) setMailings(list.value);
  }, [api]);
  useEffect(() => void reload(), [reload]);

  // How many records the filter chooses, with the record list's own query.
  useEffect(() => {
    let live = true;
    void api.listRecords({ ...(JSON.parse(filterKey) as MailingFilter), offset: 0, limit: 1 }).then((r) => {
      if (live && r.ok) setMatching(r.value.total);
    });
    return () => {
      live = false;
    };
  }, [api, filterKey]);

  const workflow = ws.view.workflows.find((w) => w.id === workflowId);
  const create = async () => {
    if (templateId === null) return;
    const r = await api.createMailing({ name: name.trim() || t('mailings.new'), templateId, filter });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setSelected(r.value.id);
    await reload();
  };

  return (
    <section className="mailings-screen admin-section" aria-labelledby="mailings-title">
      <h1 id="mailings-title">{t('mailings.title')}</h1>
      <p className="hint">
        {t('mailings.intro')} <a href={routeHref({ name: 'costs' })}>{t('costs.nav')}</a>
      </p>
      <form
        className="panel admin-form"
        aria-label={t('mailings.new')}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h2>{t('mailings.new')}</h2>
        {templates.length === 0 ? (
          <p className="muted">{t('mailings.noTemplates')}</p>
        ) : (
          <div className="form-grid">
            <label htmlFor="mailing-name">{t('mailings.name')}</label>
            <input id="mailing-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
            <label htmlFor="mailing-template">{t('mailings.template')}</label>
            <select id="mailing-template" value={templateId ?? ''} onChange={(e) => setTemplateId(Number(e.target.value))}>
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name}
                </option>
              ))}
            </select>
            <label htmlFor="mailing-workflow">{t('mailings.workflow')}</label>
            <select
              id="mailing-workflow"
              value={workflowId ?? ''}
              onChange={(e) => {
                setWorkflowId(e.target.value ? Number(e.target.value) : null);
                setStatusId(null);
              }}
            >
              <option value="">{t('mailings.any')}</option>
              <WorkflowOptions workflows={ws.view.workflows} />
            </select>
            <label htmlFor="mailing-status">{t('mailings.status')}</label>
            <select id="mailing-status" value={statusId ?? ''} disabled={!workflow} onChange={(e) => setStatusId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('mailings.any')}</option>
              {workflow?.statuses.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <label htmlFor="mailing-search">{t('mailings.search')}</label>
            <input id="mailing-search" value={search} maxLength={200} onChange={(e) => setSearch(e.target.value)} />
            <span />
            <label className="checkbox-row">
              <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} /> {t('mailings.mine')}
            </label>
          </div>
        )}
        {matching !== null && (
          <p data-testid="mailing-matching">
            {t('mailings.matching', { count: matching })} <span className="muted">{t('mailings.skippedHint')}</span>
          </p>
        )}
        <ErrorBanner error={error} />
        <button type="submit" className="btn btn-primary" disabled={templateId === null || matching === 0}>
          {t('mailings.create')}
        </button>
      </form>

      <h2>{t('mailings.list')}</h2>
      {mailings.length === 0 && <p className="muted">{t('mailings.none')}</p>}
      <ul className="plain-list">
        {mailings.map((m) => (
          <li key={m.id}>
            <button type="button" className={selected === m.id ? 'list-choice list-choice-active' : 'list-choice'} onClick={() => setSelected(m.id)}>
              {m.name} – {m.templateName} ({t(`mailings.state.${m.state}`)})
            </button>
          </li>
        ))}
      </ul>
      {selected !== null && <MailingDetail key={selected} id={selected} onChanged={() => void reload()} />}
    </section>
  );
}
