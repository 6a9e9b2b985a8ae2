/** The one API client: same origin, cookies, JSON, and the API's error format. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

type ConnectionListener = (online: boolean) => void;
const listeners = new Set<ConnectionListener>();
let online = true;

function setOnline(value: boolean) {
  if (online === value) return;
  online = value;
  for (const listener of listeners) listener(value);
}

export const connection = {
  isOnline: () => online,
  subscribe(listener: ConnectionListener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Asks /health whether the API answers again; the banner polls this while offline. */
  async probe(): Promise<boolean> {
    try {
      const response = await fetch('/health', { cache: 'no-store' });
      setOnline(response.ok);
    } catch {
      setOnline(false);
    }
    return online;
  },
};

const expiredListeners = new Set<() => void>();

/** Told when the API answers 401 to a signed-in request: the session has ended (expired, or signed out elsewhere). */
export function onSessionExpired(listener: () => void) {
  expiredListeners.add(listener);
  return () => {
    expiredListeners.delete(listener);
  };
}

export const SESSION_ENDED = 'Your session has ended. Sign in again to go on.';

// Statuses a proxy answers with when the backend behind it is down.
const UNREACHABLE = new Set([502, 503, 504]);

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: { ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    setOnline(false);
    throw new ApiError(0, 'UNREACHABLE', 'The server cannot be reached.');
  }
  setOnline(!UNREACHABLE.has(response.status));
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  // A 401 of the sign-in endpoints is a wrong password; of any other, a session that is gone.
  if (response.status === 401 && !path.startsWith('/api/auth/')) {
    for (const listener of expiredListeners) listener();
    throw new ApiError(401, 'SESSION_ENDED', SESSION_ENDED);
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'ERROR',
      error?.message ?? `Request failed (${response.status})`,
      error?.field,
    );
  }
  return body as T;
}
