import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { isOrganiser } from '$lib/server/live/auth.ts';
import { registry } from '$lib/server/live/registry.ts';
import { linkOrigin } from '$lib/server/live/http.ts';

export interface OrganiserSeat {
  id: string;
  name: { zh: string; en: string };
  tier: string;
  token: string | null;
  url: string | null;
}
export interface OrganiserEntry {
  id: string;
  kind: 'single' | 'group' | 'fork';
  name: string;
  scenario: string;
  title: { zh: string; en: string } | null;
  createdAt: string;
  forkedFrom: string | null;
  forkAt: number | null;
  facilitator: { token: string; url: string } | null;
  cells: { id: string; name: string; status: string; t: number; seats: OrganiserSeat[]; reason?: string; failure?: { t: number; reason: string } }[];
}

/** Every exercise with its links, for the organiser only (others are sent to the login). */
export const load: PageServerLoad = ({ request, cookies, url, setHeaders }) => {
  if (!isOrganiser(request, cookies)) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  return { exercises: registry().organiserList(linkOrigin(url)) as unknown as OrganiserEntry[] };
};
