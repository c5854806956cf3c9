import { useApiEvent } from '../../api/api-context';
import { parseRoute, routeHref } from '../../app/route';

/**
 * The desktop shell sends `openRoute` when a clicked OS notification should show
 * a record. Only routes the app itself knows are followed; anything else is
 * normalised by parseRoute to a known screen.
 */
export function useOpenRouteFromShell(): void {
  useApiEvent('openRoute', ({ route }) => {
    if (typeof route !== 'string' || route.length > 200) return;
    window.location.hash = routeHref(parseRoute(route));
  });
}
