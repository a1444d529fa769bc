import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../api/types.ts';
import { PageLoading, QueryError } from '../components/QueryState.tsx';
import { Result } from '../components/Result.tsx';
import { useT } from '../i18n/i18n.ts';
import { can, useMe } from './session.ts';

/** Shows its children to a logged-in user (with the permission, if one is named). */
export function RequireAuth({ children, permission }: { children: ReactNode; permission?: Permission }) {
  const me = useMe();
  const location = useLocation();
  const t = useT();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // A one-time password: nothing else opens until the person has chosen their own; then the
  // account page goes on to where they were going (a member's first login is often a QR scan).
  if (me.data.mustChangePassword && location.pathname !== '/account') {
    const going = location.pathname + location.search;
    return <Navigate to={going === '/' ? '/account' : `/account?next=${encodeURIComponent(going)}`} replace />;
  }
  if (permission && !can(me.data, permission)) return <Result status="403" title={t('errors.noPermissionTitle')} subTitle={t('errors.noPermission')} />;
  return <>{children}</>;
}
