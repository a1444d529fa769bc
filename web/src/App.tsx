// Providers (language, antd theme and locale, data cache, router) and the page map.
// Pages other than login load on demand, so a phone downloads only what it opens: a new
// page is `const XPage = lazyPage(() => import('./pages/x/XPage.tsx'))` (a default export)
// inside <Page> (docs/ARCHITECTURE.md, "Web bundle").

import { ConfigProvider } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import viVNModule from 'antd/es/locale/vi_VN.js';
import dayjs from 'dayjs';
import { type ReactNode, Suspense, useEffect } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Outlet, Route, RouterProvider, useLocation } from 'react-router-dom';
import 'dayjs/locale/vi.js';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { unitChildrenQuery } from './api/units.ts';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { can, dashboardUnit, fetchMe, hasHomePage, ME_KEY, useMe } from './auth/session.ts';
import { ErrorBoundary, RouteFailed } from './components/ErrorBoundary.tsx';
import { PageLoading } from './components/QueryState.tsx';
import { loadPageMessages, useLang } from './i18n/i18n.ts';
import { loadFrame } from './layout/load-frame.ts';
import { dayUpToToday } from './lib/dates.ts';
import { esmDefault } from './lib/esm-default.ts';
import { lazyPage, prefetchDataAt, prefetchDataOf, preloadPageOf } from './lib/lazy-page.ts';
import { showError } from './lib/notify.ts';
import { PageTitle } from './lib/page-title.tsx';
import { reducedMotion } from './lib/reduced-motion.ts';
import { usePhone } from './lib/use-phone.ts';
import { homeQuery } from './pages/home/home-query.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

// The frame of the pages after login (antd's App for messages and dialogs, the header and
// menu) is not needed by the login page. It is asked for at once when the first address is
// another page, so it loads beside the session check rather than after it.
const AppFrame = lazyPage(loadFrame);
const UnitsPage = lazyPage(() => import('./pages/units/UnitsPage.tsx'), '/units');
prefetchDataAt('/units', (client, { search }) => client.prefetchQuery(unitChildrenQuery(null, dayUpToToday(search.get('at')))));
const UnitPage = lazyPage(() => import('./pages/units/UnitPage.tsx'), '/units/:id');
const MembersPage = lazyPage(() => import('./pages/members/MembersPage.tsx'), '/members');
const MemberPage = lazyPage(() => import('./pages/members/MemberPage.tsx'), '/members/:id');
const MemberFormPage = lazyPage(() => import('./pages/members/MemberFormPage.tsx'));
const ImportPage = lazyPage(() => import('./pages/imports/ImportPage.tsx'));
const UsersPage = lazyPage(() => import('./pages/users/UsersPage.tsx'));
const AuditPage = lazyPage(() => import('./pages/audit/AuditPage.tsx'));
const UserPage = lazyPage(() => import('./pages/users/UserPage.tsx'));
const CellAccountsPage = lazyPage(() => import('./pages/users/CellAccountsPage.tsx'));
const AccountPage = lazyPage(() => import('./pages/AccountPage.tsx'));
const MeetingsPage = lazyPage(() => import('./pages/meetings/MeetingsPage.tsx'), '/meetings');
const MeetingPlanPage = lazyPage(() => import('./pages/meetings/MeetingPlanPage.tsx'));
const MeetingPage = lazyPage(() => import('./pages/meetings/MeetingPage.tsx'), '/meetings/:id');
const SheetEntryPage = lazyPage(() => import('./pages/meetings/SheetEntryPage.tsx'));
const CompliancePage = lazyPage(() => import('./pages/meetings/CompliancePage.tsx'));
const TopicBankPage = lazyPage(() => import('./pages/meetings/TopicBankPage.tsx'));
const ResidenceLinksPage = lazyPage(() => import('./pages/meetings/ResidenceLinksPage.tsx'));
const LifePage = lazyPage(() => import('./pages/life/LifePage.tsx'));
const QualityScalePage = lazyPage(() => import('./pages/meetings/QualityScalePage.tsx'));
const MyMeetingsPage = lazyPage(() => import('./pages/meetings/MyMeetings.tsx'), '/my-meetings');
const CheckInPage = lazyPage(() => import('./pages/check-in/CheckInPage.tsx'), '/check-in');
const NoticesPage = lazyPage(() => import('./pages/notices/NoticesPage.tsx'), '/notices');
const ConflictsPage = lazyPage(() => import('./pages/conflicts/ConflictsPage.tsx'));
const DashboardPage = lazyPage(() => import('./pages/dashboard/DashboardPage.tsx'), '/units/:id/dashboard');
// Outside the frame, so it fetches the pages' messages itself.
const DashboardPrint = lazyPage(() => Promise.all([import('./pages/dashboard/DashboardPrint.tsx'), loadPageMessages()]).then(([page]) => page));
const HomePage = lazyPage(() => import('./pages/home/HomePage.tsx'), '/');
prefetchDataAt('/', (client) => client.prefetchQuery(homeQuery));
const CellCalendarPage = lazyPage(() => import('./pages/units/CellCalendarPage.tsx'));
const VillagesPage = lazyPage(() => import('./pages/villages/VillagesPage.tsx'));
const GrowthTargetsPage = lazyPage(() => import('./pages/villages/GrowthTargetsPage.tsx'));
const AdmissionsPage = lazyPage(() => import('./pages/admissions/AdmissionsPage.tsx'), '/admissions');
const CandidatePage = lazyPage(() => import('./pages/admissions/CandidatePage.tsx'), '/admissions/:id');
const CalendarDaysPage = lazyPage(() => import('./pages/admissions/CalendarDaysPage.tsx'));
const GradingPage = lazyPage(() => import('./pages/grading/GradingPage.tsx'), '/grading');
const MyGradingPage = lazyPage(() => import('./pages/grading/MyGradingPage.tsx'), '/grading/me');
const GradingPeriodPage = lazyPage(() => import('./pages/grading/PeriodPage.tsx'), '/grading/periods/:id');
const GradingResultsPage = lazyPage(() => import('./pages/grading/ResultsPage.tsx'), '/grading/results');
const DuesPage = lazyPage(() => import('./pages/dues/DuesPage.tsx'), '/dues');
const TasksPage = lazyPage(() => import('./pages/tasks/TasksPage.tsx'));
const TaskFormPage = lazyPage(() => import('./pages/tasks/TaskFormPage.tsx'));
const TaskPage = lazyPage(() => import('./pages/tasks/TaskPage.tsx'));
const MyTasksPage = lazyPage(() => import('./pages/tasks/MyTasksPage.tsx'));

const viVN: Locale = esmDefault(viVNModule);
const enUS: Locale = esmDefault(enUSModule);

function makeQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A first load failing is shown by the page itself; a background refresh failing
      // (the page still shows old data) gets a message.
      onError: (error, query) => {
        if (query.state.data !== undefined) showError(error);
      },
    }),
    mutationCache: new MutationCache({ onError: (error) => showError(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  return client;
}

// The one data cache, made at start so that the first requests go out in this order: who is
// logged in (the frame waits for it), the first page's data (prefetchDataAt), then the
// frame's and the page's files. The browser gives a page six connections (HTTP/1.1), taken
// in turn: behind the files, a request waits a second or more on a slow line.
const startClient = makeQueryClient();
// The session ended: forget everything cached for it, and let the router send the person to login.
setUnauthorizedHandler(() => {
  startClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  startClient.setQueryData(ME_KEY, null);
});
void startClient.prefetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false });
if (!window.location.pathname.startsWith('/login')) {
  prefetchDataOf(window.location, startClient);
  void loadFrame();
  preloadPageOf(window.location.pathname);
}

function Page({ children, permission }: { children: ReactNode; permission?: Parameters<typeof RequireAuth>[0]['permission'] }) {
  const location = useLocation();
  return (
    <RequireAuth permission={permission}>
      {/* Keyed by address, so moving to another page clears a failure. */}
      <ErrorBoundary key={location.pathname}>
        <Suspense fallback={<PageLoading />}>{children}</Suspense>
      </ErrorBoundary>
    </RequireAuth>
  );
}

/**
 * The start page: the home page for a secretary, a committee member or a member (what their
 * roles need first); the dashboard of their unit for an organisation board, else the unit tree.
 */
function Home() {
  const { data: me } = useMe();
  if (hasHomePage(me)) return <HomePage />;
  const board = dashboardUnit(me);
  if (board !== null && me?.grants.some((g) => g.role === 'org_officer')) return <Navigate to={`/units/${board}/dashboard`} replace />;
  if (can(me, 'read')) return <Navigate to="/units" replace />;
  return <Navigate to="/account" replace />;
}

/** "Tổng quan" in the menu: the dashboard of the unit of one's first unit role. */
function DashboardHome() {
  const { data: me } = useMe();
  const unitId = dashboardUnit(me);
  return <Navigate to={unitId === null ? '/units' : `/units/${unitId}/dashboard`} replace />;
}

export function App() {
  const [lang] = useLang();
  const queryClient = startClient;
  const phone = usePhone();

  useEffect(() => {
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      theme={{
        // Text on white at 4.5:1 or more (WCAG AA, for older members' eyes): antd's grey
        // secondary text (#8c8c8c) and its blue links (#1677ff) fall short. Base text 16 px
        // and controls 44 px high (a thumb's width) on every screen; small controls too on a
        // phone. Red is for errors and absences only: the primary colour (a chosen option,
        // a focused box) is blue; the red of the header is the party's, not a signal.
        token: {
          // Less motion asked for: no zoom or slide animations; a dialog's buttons are still the moment they appear.
          motion: !reducedMotion,
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          colorTextDescription: 'rgba(0, 0, 0, 0.62)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          colorLink: '#0950c3',
          colorPrimary: '#0950c3',
          // antd derives a paler blue for hover (#518fdb, 3.3:1): a link under the finger or
          // the mouse, and white text on a hovered button, would drop below 4.5:1.
          colorLinkHover: '#1f63d1',
          colorPrimaryHover: '#1f63d1',
          colorPrimaryTextHover: '#1f63d1',
          colorLinkActive: '#063a8f',
          colorPrimaryActive: '#063a8f',
          // antd's red (#ff4d4f, 3.3:1) is too pale for error messages and "Hủy" buttons.
          colorError: '#cf1322',
          borderRadius: 6,
          fontSize: 16,
          fontSizeSM: 16,
          controlHeight: 44,
          controlHeightSM: phone ? 44 : 32,
          controlHeightLG: 48,
          controlInteractiveSize: 20,
          fontFamily: "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
        },
        components: {
          Layout: { headerBg: '#8e1414', headerHeight: 56 },
          // Switches and panel headers reach 44 px too.
          Segmented: { controlHeight: 48, controlHeightSM: 48 },
          Collapse: { headerPadding: '12px 16px' },
          Tabs: { horizontalItemPadding: '12px 0', horizontalItemPaddingSM: '10px 0' },
          Menu: { itemPaddingInline: 12, darkItemBg: '#8e1414', darkItemSelectedBg: '#5e0b0b', darkItemColor: 'rgba(255,255,255,0.9)', darkPopupBg: '#8e1414' },
        },
      }}
    >
      {/* A failure outside a page (the frame itself) still shows a message and a way out. */}
      <ErrorBoundary>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </ErrorBoundary>
    </ConfigProvider>
  );
}

/**
 * The app's pages. A data router (not <BrowserRouter>) so that a page holding unsaved
 * work can ask before the menu or a link takes the user away (useBlocker, lib/warn-before-leaving.ts).
 * Its errorElement keeps a failure outside a page in Vietnamese (the router would show its own).
 */
const router = createBrowserRouter(
  createRoutesFromElements(
    <Route
      errorElement={<RouteFailed />}
      element={
        <>
          <PageTitle />
          <Outlet />
        </>
      }
    >
      <Route path="/login" element={<LoginPage />} />
      {/* The printable summary has no app frame around it (nor antd's App: no dialogs). */}
      <Route
        path="/units/:id/dashboard/print"
        element={
          <Page permission="read">
            <DashboardPrint />
          </Page>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Suspense fallback={<PageLoading />}>
              <AppFrame />
            </Suspense>
          </RequireAuth>
        }
      >
        {/* The first screen after login: what each role the account holds needs first. */}
        <Route
          index
          element={
            <Page>
              <Home />
            </Page>
          }
        />
        <Route
          path="admissions"
          element={
            <Page permission="read">
              <AdmissionsPage />
            </Page>
          }
        />
        <Route
          path="admissions/:id"
          element={
            <Page permission="read">
              <CandidatePage />
            </Page>
          }
        />
        <Route
          path="calendar-days"
          element={
            <Page permission="read">
              <CalendarDaysPage />
            </Page>
          }
        />
        <Route
          path="units"
          element={
            <Page>
              <UnitsPage />
            </Page>
          }
        />
        <Route
          path="units/:id"
          element={
            <Page>
              <UnitPage />
            </Page>
          }
        />
        <Route
          path="units/:id/meeting-calendar"
          element={
            <Page permission="read">
              <CellCalendarPage />
            </Page>
          }
        />
        <Route
          path="units/:id/villages"
          element={
            <Page permission="read">
              <VillagesPage />
            </Page>
          }
        />
        <Route
          path="units/:id/growth-targets"
          element={
            <Page permission="read">
              <GrowthTargetsPage />
            </Page>
          }
        />
        <Route
          path="units/:id/dashboard"
          element={
            <Page permission="read">
              <DashboardPage />
            </Page>
          }
        />
        <Route
          path="dashboard"
          element={
            <Page permission="read">
              <DashboardHome />
            </Page>
          }
        />
        <Route
          path="dues"
          element={
            <Page permission="read">
              <DuesPage />
            </Page>
          }
        />
        <Route
          path="members"
          element={
            <Page>
              <MembersPage />
            </Page>
          }
        />
        <Route
          path="members/new"
          element={
            <Page permission="write_members">
              <MemberFormPage />
            </Page>
          }
        />
        <Route
          path="members/:id"
          element={
            <Page>
              <MemberPage />
            </Page>
          }
        />
        <Route
          path="members/:id/edit"
          element={
            <Page>
              <MemberFormPage />
            </Page>
          }
        />
        <Route
          path="imports"
          element={
            <Page permission="write_members">
              <ImportPage />
            </Page>
          }
        />
        <Route
          path="identifier-conflicts"
          element={
            <Page permission="write_units">
              <ConflictsPage />
            </Page>
          }
        />
        <Route
          path="users"
          element={
            <Page permission="manage_users">
              <UsersPage />
            </Page>
          }
        />
        <Route
          path="audit"
          element={
            <Page permission="read_audit">
              <AuditPage />
            </Page>
          }
        />
        <Route
          path="users/cell-accounts"
          element={
            <Page permission="manage_users">
              <CellAccountsPage />
            </Page>
          }
        />
        <Route
          path="users/:id"
          element={
            <Page permission="manage_users">
              <UserPage />
            </Page>
          }
        />
        <Route
          path="account"
          element={
            <Page>
              <AccountPage />
            </Page>
          }
        />
        <Route
          path="meetings"
          element={
            <Page>
              <MeetingsPage />
            </Page>
          }
        />
        <Route
          path="meetings/new"
          element={
            <Page permission="manage_meetings">
              <MeetingPlanPage />
            </Page>
          }
        />
        <Route
          path="meetings/compliance"
          element={
            <Page permission="read">
              <CompliancePage />
            </Page>
          }
        />
        <Route
          path="meetings/topics"
          element={
            <Page>
              <TopicBankPage />
            </Page>
          }
        />
        <Route
          path="life"
          element={
            <Page permission="read">
              <LifePage />
            </Page>
          }
        />
        <Route
          path="meetings/residence"
          element={
            <Page permission="read">
              <ResidenceLinksPage />
            </Page>
          }
        />
        <Route
          path="meetings/scale"
          element={
            <Page permission="read">
              <QualityScalePage />
            </Page>
          }
        />
        <Route
          path="meetings/:id"
          element={
            <Page>
              <MeetingPage />
            </Page>
          }
        />
        <Route
          path="meetings/:id/sheet-entry"
          element={
            <Page permission="manage_meetings">
              <SheetEntryPage />
            </Page>
          }
        />
        <Route
          path="meetings/:id/edit"
          element={
            <Page permission="manage_meetings">
              <MeetingPlanPage />
            </Page>
          }
        />
        <Route
          path="my-meetings"
          element={
            <Page>
              <MyMeetingsPage />
            </Page>
          }
        />
        <Route
          path="check-in"
          element={
            <Page>
              <CheckInPage />
            </Page>
          }
        />
        <Route
          path="notices"
          element={
            <Page>
              <NoticesPage />
            </Page>
          }
        />
        <Route
          path="grading"
          element={
            <Page permission="grade">
              <GradingPage />
            </Page>
          }
        />
        <Route
          path="grading/me"
          element={
            <Page>
              <MyGradingPage />
            </Page>
          }
        />
        <Route
          path="grading/periods/:id"
          element={
            <Page>
              <GradingPeriodPage />
            </Page>
          }
        />
        <Route
          path="grading/results"
          element={
            <Page permission="read">
              <GradingResultsPage />
            </Page>
          }
        />
        <Route
          path="tasks"
          element={
            <Page permission="read">
              <TasksPage />
            </Page>
          }
        />
        <Route
          path="tasks/new"
          element={
            <Page permission="manage_meetings">
              <TaskFormPage />
            </Page>
          }
        />
        <Route
          path="tasks/:id"
          element={
            <Page>
              <TaskPage />
            </Page>
          }
        />
        <Route
          path="my-tasks"
          element={
            <Page>
              <MyTasksPage />
            </Page>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Route>,
  ),
);
