import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { apiToken, onTokenChange } from './auth/api-token';
import { ConsoleLayout } from './layout/console-layout';
import { ConflictsPage } from './pages/conflicts.page';
import { LinksPage } from './pages/links.page';
import { MappingsPage } from './pages/mappings.page';
import { MatchesPage } from './pages/matches.page';
import { PreviewPage } from './pages/preview.page';
import { RunDetailPage } from './pages/run-detail.page';
import { RunsPage } from './pages/runs.page';
import { SignInPage } from './pages/sign-in.page';

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx is an answer, not a glitch: only network errors and 5xx are retried (once).
    queries: {
      retry: (count, error) => count < 1 && !(error as { status?: number }).status?.toString().startsWith('4'),
      refetchOnWindowFocus: false,
    },
  },
});

/** The pages behind sign-in, under the shell; `/console/` opens the runs. */
const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      path: '/',
      element: <ConsoleLayout />,
      children: [
        { index: true, element: <Navigate to="/runs" replace /> },
        { path: 'runs', element: <RunsPage /> },
        { path: 'runs/:runId', element: <RunDetailPage /> },
        { path: 'preview', element: <PreviewPage /> },
        { path: 'links', element: <LinksPage /> },
        { path: 'conflicts', element: <ConflictsPage /> },
        { path: 'mappings', element: <MappingsPage /> },
        { path: 'matches', element: <MatchesPage /> },
        { path: '*', element: <Navigate to="/runs" replace /> },
      ],
    },
  ],
  { basename: '/console' },
);

export function App() {
  const { i18n } = useTranslation();
  const [signedIn, setSignedIn] = useState(apiToken() !== null);
  useEffect(
    () =>
      onTokenChange((token) => {
        setSignedIn(token !== null);
        if (token === null) {
          queryClient.clear();
          void router.navigate('/sign-in');
        }
      }),
    [],
  );
  useEffect(() => {
    if (!signedIn && router.state.location.pathname !== '/sign-in') void router.navigate('/sign-in');
  }, [signedIn]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      // Ant Design spaces out two-character Chinese button labels ("预 览"); the console's labels are written as
      // they should read.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
