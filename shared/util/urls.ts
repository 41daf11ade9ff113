/** URL rules shared by the model, fetchers and pages. */

function parse(v: string): URL | undefined {
  try {
    // Not URL.canParse: older phone browsers (wallet users) lack it.
    return new URL(v);
  } catch {
    return undefined;
  }
}

/** An https URL with a host and no user:password@ (phishing look-alikes; secrets do not belong in a VC). */
export function isHttpsUrl(v: string): boolean {
  const u = parse(v);
  return !!u && u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === '';
}

/** Plain http is tolerated only on a loopback host, for development and tests. */
export function isLoopbackHttpUrl(v: string): boolean {
  const u = parse(v);
  return !!u && u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]') && u.username === '' && u.password === '';
}
