import type { PageServerLoad } from './$types';
import { isOrganiser } from '$lib/server/live/auth.ts';

/** Where to go after logging in: a path of this site only (never another origin). */
function localPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/organiser';
}

export const load: PageServerLoad = ({ request, cookies, url }) => ({
  organiser: isOrganiser(request, cookies),
  next: localPath(url.searchParams.get('next'))
});
