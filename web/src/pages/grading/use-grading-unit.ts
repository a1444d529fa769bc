// The unit a grading page is about: the one in the address (?unitId=), else the user's first unit role.
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../auth/session.ts';

export function useGradingUnit(): [number | null, (id: number | null) => void] {
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();
  const fromAddress = Number(params.get('unitId'));
  const unitId = Number.isInteger(fromAddress) && fromAddress > 0 ? fromAddress : (me?.grants.find((g) => g.role !== 'member')?.unitId ?? null);
  const setUnit = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unitId', String(id));
    else next.delete('unitId');
    setParams(next, { replace: true });
  };
  return [unitId, setUnit];
}
