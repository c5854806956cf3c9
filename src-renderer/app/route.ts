import { useEffect, useState } from 'react';
import { mitidRouteHref, parseMitidRoute, type MitidRoute } from './mitid-routes';

// Hash routing: works the same from the browser transport's http:// origin and from
// Electron's file:// page, needs no server rewrites, and keeps the path constant
// (the CSP and the static server only ever see index.html).

export type AdminSection = 'fields' | 'workflows' | 'users' | 'workspace' | 'integrations';
export type RecordScope = 'mine' | 'all';

export type Route =
  | { name: 'records'; scope: RecordScope }
  | { name: 'record'; id: number }
  | { name: 'new' }
  | { name: 'import' }
  | { name: 'admin'; section: AdminSection }
  | { name: 'responsibilities' }
  /** The records of a bulk summary notification. */
  | { name: 'notification'; id: number }
  | { name: 'outbox' }
  | { name: 'documents' }
  | { name: 'mailings' }
  | { name: 'costs' }
  | MitidRoute;

const ADMIN_SECTIONS: readonly AdminSection[] = ['fields', 'workflows', 'users', 'workspace', 'integrations'];
const DEFAULT_ROUTE: Route = { name: 'records', scope: 'mine' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [head, arg] = parts;
  switch (head) {
    case 'records':
      return { name: 'records', scope: arg === 'all' ? 'all' : 'mine' };
    case 'record': {
      const id = Number(arg);
      return Number.isInteger(id) && id > 0 ? { name: 'record', id } : DEFAULT_ROUTE;
    }
    case 'new':
      return { name: 'new' };
    case 'import':
      return { name: 'import' };
    case 'responsibilities':
      return { name: 'responsibilities' };
    case 'notification': {
      const id = Number(arg);
      return Number.isInteger(id) && id > 0 ? { name: 'notification', id } : DEFAULT_ROUTE;
    }
    case 'outbox':
      return { name: 'outbox' };
    case 'documents':
      return { name: 'documents' };
    case 'mailings':
      return { name: 'mailings' };
    case 'costs':
      return { name: 'costs' };
    case 'admin': {
      const section = ADMIN_SECTIONS.find((s) => s === arg) ?? 'fields';
      return { name: 'admin', section };
    }
    default:
      return parseMitidRoute(head, parts.slice(1)) ?? DEFAULT_ROUTE;
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'records':
      return `#/records/${route.scope}`;
    case 'record':
      return `#/record/${route.id}`;
    case 'new':
      return '#/new';
    case 'import':
      return '#/import';
    case 'admin':
      return `#/admin/${route.section}`;
    case 'responsibilities':
      return '#/responsibilities';
    case 'notification':
      return `#/notification/${route.id}`;
    case 'outbox':
      return '#/outbox';
    case 'documents':
      return '#/documents';
    case 'mailings':
      return '#/mailings';
    case 'costs':
      return '#/costs';
    default:
      return mitidRouteHref(route);
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
