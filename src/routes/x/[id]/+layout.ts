// Live pages need the browser (the event stream, d3 zoom); they read the token from the URL there.
export const ssr = false;
