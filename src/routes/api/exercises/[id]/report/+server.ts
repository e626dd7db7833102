import type { RequestHandler } from './$types';
import { registry } from '$lib/server/live/registry.ts';
import { handle, tokenOf } from '$lib/server/live/http.ts';
import { badRequest } from '$lib/server/live/errors.ts';
import { renderReport } from '$lib/server/live/report.ts';
import { htmlDocumentCsp } from '$lib/server/http/securityHeaders.ts';

/** The after-action report of the exercise as it stands: html, md, json or csv, in Chinese or English. */
export const GET: RequestHandler = ({ params, request, url, cookies }) =>
  handle(() => {
    const reg = registry();
    const a = reg.facilitator(params.id, tokenOf({ request, cookies }, 'facilitator'));
    const format = url.searchParams.get('format') ?? 'html';
    const lang = url.searchParams.get('lang') ?? 'zh';
    if (!['html', 'md', 'json', 'csv'].includes(format)) throw badRequest('format 应为 html、md、json 或 csv', 'format must be html, md, json or csv', [{ path: 'format', message: `unknown format "${format}"` }]);
    if (lang !== 'zh' && lang !== 'en') throw badRequest('lang 应为 zh 或 en', 'lang must be zh or en', [{ path: 'lang', message: `unknown language "${lang}"` }]);
    const r = renderReport(a.live, reg.store, format as 'html' | 'md' | 'json' | 'csv', lang);
    reg.store.saveReport(a.live.id, format, lang, a.live.t, r.body);
    const download = url.searchParams.get('download') !== null;
    return new Response(r.body, {
      headers: {
        'content-type': r.type,
        'cache-control': 'no-store',
        // The HTML report runs its own inline scripts (d3, the charts): those, by hash, and nothing else.
        ...(format === 'html' ? { 'content-security-policy': htmlDocumentCsp(r.body) } : {}),
        ...(download ? { 'content-disposition': `attachment; filename="${a.live.id}-report-${lang}.${format}"` } : {})
      }
    });
  });
