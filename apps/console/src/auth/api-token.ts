// The API token lives in sessionStorage only: it is gone when the tab closes, never put in a URL, never logged.
const KEY = 'attendance-sync-console.api-token';

type Listener = (token: string | null) => void;
const listeners = new Set<Listener>();

export function apiToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function signIn(token: string): void {
  sessionStorage.setItem(KEY, token);
  for (const listener of listeners) listener(token);
}

/** Forgets the token (sign-out, or a 401 from the gateway): the console returns to the sign-in page. */
export function signOut(): void {
  sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(null);
}

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
