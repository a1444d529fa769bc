// antd's Result, fetched the first time one is shown: its illustrations (403, 404, 500)
// weigh about 10 KB gzipped, and the first page (login) shows none. The page-frame parts
// loaded before any page (RequireAuth, QueryState, ErrorBoundary, NotFoundPage) use this one.
import type { ResultProps } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import { esmDefault } from '../lib/esm-default.ts';

const AntResult = lazy(() => import('antd/es/result/index.js').then((m) => ({ default: esmDefault(m.default) as ComponentType<ResultProps> })));

export function Result(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <AntResult {...props} />
    </Suspense>
  );
}
