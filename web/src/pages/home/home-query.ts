// The home page's first read, apart from home-api.ts so the app's entry can ask for it at
// start (prefetchDataAt) without loading the home page's other code.
import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { homeOut } from '../../../../src/modules/home/schemas.ts';
import { api } from '../../api/client.ts';

export type Home = z.infer<typeof homeOut>;

export const homeQuery = queryOptions({ queryKey: ['home'] as const, queryFn: () => api<Home>('/home'), staleTime: 0 });
