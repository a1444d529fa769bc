// antd's Result, fetched the first time one is shown: its illustrations (403, 404, 500)
// weigh about 10 KB gzipped, and the first page (login) shows none. The page-frame parts
// loaded before any page (RequireAuth, QueryState, ErrorBoundary, NotFoundPage) use this one.
import type { ResultProps } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';

// antd's .d.ts files are read as CommonJS, so TypeScript sees the module where the bundler gives its default.
const AntResult = lazy(() => import('antd/es/result/index.js').then((m) => ({ default: m.default as unknown as ComponentType<ResultProps> })));

export function Result(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <AntResult {...props} />
    </Suspense>
  );
}
