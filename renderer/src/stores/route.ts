import { create } from 'zustand';

/** The app has a handful of screens and no deep links: a tiny route store instead of a router. */
export type Route =
  | { screen: 'login' }
  | { screen: 'home'; focus?: 'search' }
  | { screen: 'wizard' }
  | { screen: 'print'; caseNo: string; fresh: boolean }
  | { screen: 'case'; caseNo: string }
  | { screen: 'audit' }
  | { screen: 'scanning' }
  | { screen: 'stats' }
  | { screen: 'overdue' }
  | { screen: 'accounts' };

type RouteState = { route: Route; go(route: Route): void };

export const useRoute = create<RouteState>()((set) => ({
  route: { screen: 'login' },
  go: (route) => set({ route }),
}));

export const go = (route: Route): void => useRoute.getState().go(route);
