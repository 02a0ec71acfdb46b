/**
 * The nonce the host put in this page's Content-Security-Policy (a new one with each answer): CodeMirror adds its
 * styles to the page as a style element, which a strict style-src refuses without it.
 */
export const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? "";
