import { resolveLang } from '$lib/i18n';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ request, url }) => {
  return {
    lang: resolveLang(url.searchParams.get('lang'), request.headers.get('accept-language'))
  };
};
