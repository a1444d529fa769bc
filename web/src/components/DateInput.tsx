// A date box that holds the API's 'YYYY-MM-DD' string, shows dd/mm/yyyy and accepts
// typed dates (05/03/1980, 5/3/1980, 05031980) as well as picking.
import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { fromIso, INPUT_FORMATS, todayIso, toIso } from '../lib/dates.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  testId?: string;
  allowClear?: boolean;
  /** No dates after today (births, decisions already taken). */
  notFuture?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
}

export function DateInput({ value, onChange, testId, allowClear = true, notFuture, placeholder, style, id }: Props) {
  const today = todayIso();
  return (
    <DatePicker
      id={id}
      value={fromIso(value ?? null)}
      onChange={(d: Dayjs | null) => onChange?.(toIso(d))}
      format={INPUT_FORMATS}
      placeholder={placeholder ?? 'dd/mm/yyyy'}
      allowClear={allowClear}
      disabledDate={notFuture ? (d: Dayjs) => d.format('YYYY-MM-DD') > today : undefined}
      style={{ width: '100%', ...style }}
      inputReadOnly={false}
      // Enter confirms the typed date; it must not also submit the surrounding form.
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
      data-testid={testId}
    />
  );
}
