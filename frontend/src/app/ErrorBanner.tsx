import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { connection } from '../shared/api';

const PROBE_EVERY_MS = 3000;

/** Says so when the API cannot be reached, and brings the page back when it answers again. */
export function ErrorBanner() {
  const online = useSyncExternalStore(connection.subscribe, connection.isOnline);
  const queryClient = useQueryClient();

  useEffect(() => {
    if (online) return;
    const timer = setInterval(async () => {
      if (await connection.probe()) await queryClient.invalidateQueries();
    }, PROBE_EVERY_MS);
    return () => clearInterval(timer);
  }, [online, queryClient]);

  if (online) return null;
  return (
    <div className="banner" role="alert">
      Can’t reach the server. Your changes may not be saved; retrying…
    </div>
  );
}
