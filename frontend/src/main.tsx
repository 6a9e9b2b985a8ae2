import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The global styles first: each feature's own come after them, with the feature.
import './styles.css';
import { App } from './app/App';
import { ApiError } from './shared/api';

const queryClient = new QueryClient({
  defaultOptions: {
    // Client errors will not change on a retry; only the network's might.
    queries: {
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
