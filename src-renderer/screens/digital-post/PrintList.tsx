import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError, PrintListView } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';
import { useAppSession } from '../../app/app-context';
import { routeHref } from '../../app/route';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime } from '../../components/format';
import { LetterActions } from './LetterActions';
import '../../styles/physical-post.css';
import { danishDayText } from '../../../src-main/contract/physical-post-rules';
import { todayDanish } from './letter-pdf';

/**
 * "Til print": letters to citizens exempt from Digital Post. The caseworker
 * prints them, posts them and marks one or many as posted (the day, and who
 * = the signed-in caseworker); only then do they count as delivered.
 */
export function PrintList({ onChanged }: { onChanged?: () => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const [list, setList] = useState<PrintListView | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [marking, setMarking] = useState<number[] | null>(null);
  const [notice, setNotice] = useState('');
  const load = useCallback(() => {
    void api.getPrintList({}).then((r) => r.ok && setList(r.value));
  }, [api]);
  useEffect(load, [load]);
  useApiEvent('recordsChanged', load);
  const waiting = list?.waiting ?? [];
  const toggle = (id: number) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const allSelected = waiting.length > 0 && waiting.every((m) => selected.has(m.id));
  return (
    <div data-testid="print-list" className="print-list-end">
      <h2>{t('physicalPost.list.title')}</h2>
      <p className="muted">{t('physicalPost.list.intro')}</p>
      {notice && (
        <p className="banner banner-ok" role="status" data-testid="print-notice">
          {notice}
        </p>
      )}
      {waiting.length === 0 ? (
        <p className="muted" data-testid="print-empty">
          {t('physicalPost.list.empty')}
        </p>
      ) : (
        <>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={selected.size === 0} onClick={() => setMarking([...selected])} data-testid="print-mark-selected">
              {selected.size === 0 ? t('physicalPost.list.markSelectedNone') : t('physicalPost.list.markSelected', { count: selected.size })}
            </button>
          </div>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('physicalPost.list.selectAll')}
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(waiting.map((m) => m.id)))}
                  />
                </th>
                <th scope="col">{t('physicalPost.list.subject')}</th>
                <th scope="col">{t('physicalPost.list.recipient')}</th>
                <th scope="col">{t('physicalPost.list.created')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {waiting.map((m) => (
                <tr key={m.id} data-testid="print-row" data-message-id={m.id}>
                  <td>
                    <input type="checkbox" aria-label={`${t('physicalPost.list.select')}: ${m.subject}`} checked={selected.has(m.id)} onChange={() => toggle(m.id)} />
                  </td>
                  <td>{m.recordId ? <a href={routeHref({ name: 'record', id: m.recordId })}>{m.subject}</a> : m.subject}</td>
                  <td>{m.recipientMasked}</td>
                  <td className="nowrap">{formatDateTime(m.createdAt)}</td>
                  <td className="row-actions">
                    <LetterActions message={m} />
                    <button type="button" className="btn btn-small" onClick={() => setMarking([m.id])} data-testid="print-mark-one">
                      {t('physicalPost.list.markPosted')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(list?.posted.length ?? 0) > 0 && (
        <>
          <h3>{t('physicalPost.list.posted')}</h3>
          <table className="data-table" data-testid="posted-list">
            <thead>
              <tr>
                <th scope="col">{t('physicalPost.list.subject')}</th>
                <th scope="col">{t('physicalPost.list.recipient')}</th>
                <th scope="col">{t('physicalPost.list.postedOn')}</th>
                <th scope="col">{t('physicalPost.list.postedBy')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list?.posted.map((m) => (
                <tr key={m.id} data-testid="posted-row">
                  <td>{m.recordId ? <a href={routeHref({ name: 'record', id: m.recordId })}>{m.subject}</a> : m.subject}</td>
                  <td>{m.recipientMasked}</td>
                  <td className="nowrap">{m.posted ? danishDayText(m.posted.on) : ''}</td>
                  <td>{m.posted?.byName}</td>
                  <td className="row-actions">
                    <LetterActions message={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {marking && (
        <MarkPostedDialog
          ids={marking}
          onClose={() => setMarking(null)}
          onDone={(count) => {
            setMarking(null);
            setSelected(new Set());
            setNotice(t('physicalPost.mark.done', { count }));
            load();
            onChanged?.();
          }}
        />
      )}
    </div>
  );
}

/** The day the letters went in the post (today unless changed) and who posted them (the signed-in caseworker). */
export function MarkPostedDialog({ ids, onClose, onDone }: { ids: number[]; onClose: () => void; onDone: (count: number) => void }): ReactNode {
  const { t } = useTranslation();
  const api = useApi();
  const { user } = useAppSession();
  const [date, setDate] = useState(todayDanish());
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    const r = await api.markLettersPosted({ ids, postedOn: date });
    setBusy(false);
    if (r.ok) onDone(r.value.length);
    else setError(r.error);
  };
  return (
    <Dialog title={t('physicalPost.mark.title', { count: ids.length })} onClose={onClose} testId="mark-posted-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="posted-field">
          <label htmlFor="posted-on">{t('physicalPost.mark.date')}</label>
          <input id="posted-on" value={date} onChange={(e) => (setDate(e.target.value), setError(null))} aria-describedby="posted-on-hint" aria-invalid={error ? true : undefined} />
          <p id="posted-on-hint" className="muted small">
            {t('physicalPost.mark.dateHint')}
          </p>
        </div>
        <p>{t('physicalPost.mark.who', { name: user.name })}</p>
        {error && <ErrorBanner error={error} text={error.message} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="mark-posted-confirm">
            {t('physicalPost.mark.confirm')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
