import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, RecordDetail } from '../../../src-main/contract';
import { useApi, useApiEvent } from '../../api/api-context';

export type Draft = Record<string, string | null>;

export interface RecordState {
  record: RecordDetail | null;
  loadError: AppError | null;
  /** Someone else changed the record while the caseworker had unsaved input. */
  stale: boolean;
  /** Fetches the newest version; never touches the caseworker's unsaved input. */
  reload: () => Promise<void>;
  /** Adopts a record returned by a save or status change. */
  replace: (record: RecordDetail) => void;
  /** Pulls main's current state under the same rules as a pushed change. */
  sync: () => Promise<void>;
}

/**
 * Keeps one record in sync with main. Pushed changes are applied silently when the
 * caseworker has nothing unsaved; otherwise the version they started from is kept
 * (so their save meets the conflict check) and only the job list, which they
 * cannot edit, is updated live.
 */
export function useRecord(id: number, hasDraft: () => boolean): RecordState {
  const api = useApi();
  const [record, setRecord] = useState<RecordDetail | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [stale, setStale] = useState(false);
  const current = useRef<RecordDetail | null>(null);
  current.current = record;

  const reload = useCallback(async () => {
    const result = await api.getRecord({ id });
    if (!result.ok) {
      setLoadError(result.error);
      return;
    }
    setLoadError(null);
    setRecord(result.value);
    setStale(false);
  }, [api, id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const sync = useCallback(async () => {
    const result = await api.getRecord({ id });
    const mine = current.current;
    if (!result.ok || !mine) return;
    const fresh = result.value;
    if (fresh.version === mine.version || !hasDraft()) {
      setRecord(fresh);
      setStale(false);
    } else if (fresh.version > mine.version) {
      setRecord({ ...mine, jobs: fresh.jobs });
      setStale(true);
    }
  }, [api, id, hasDraft]);

  useApiEvent('recordsChanged', (payload) => {
    if (payload.recordIds.includes(id)) void sync();
  });
  useApiEvent('jobsChanged', (payload) => {
    if (payload.recordId === id) void sync();
  });

  const replace = useCallback((next: RecordDetail) => {
    setRecord(next);
    setStale(false);
  }, []);

  return { record, loadError, stale, reload, replace, sync };
}
