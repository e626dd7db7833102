// Live pages need the browser (the event stream, d3 zoom). Their join link's token was exchanged for an HttpOnly cookie on the first visit (hooks.server.ts).
export const ssr = false;
