import type { RouteObject } from 'react-router';

function join(parent: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${parent.replace(/\/$/, '')}/${path}`;
}

/**
 * The URL pattern of every page in a route tree ("/campaigns/:campaignId/edit"), in tree order.
 * An index route gives its parent's path; a layout with its own path but no index page (e.g. /settings,
 * which opens its first tab) counts as a page; the catch-all does not.
 */
export function routePatterns(routes: RouteObject[], parent = ''): string[] {
  const patterns: string[] = [];
  for (const route of routes) {
    if (route.path === '*') continue;
    const path = route.path ? join(parent, route.path) : parent || '/';
    const hasIndex = route.children?.some((child) => child.index) ?? false;
    if (route.index || (route.path && !hasIndex && (route.element || !route.children))) patterns.push(path);
    if (route.children) patterns.push(...routePatterns(route.children, path));
  }
  return [...new Set(patterns)];
}
