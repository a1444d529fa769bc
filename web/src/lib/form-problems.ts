// A form sent with a field missing: the first problem is brought into view (antd's
// scrollToFirstError finds a field by its id, which a Form.List and some custom inputs
// lack, so the button seemed dead on a phone) and a message names what is missing.
import { showWarning } from './notify.ts';

/** Scrolls to the first error shown in the form (DOM order = reading order) once antd has drawn it. */
export function showFirstProblem(form: HTMLElement | null, text: string | null): void {
  if (text) showWarning(text);
  // The errors are drawn after validation settles.
  window.setTimeout(() => {
    const first = form?.querySelector<HTMLElement>('.ant-form-item-has-error, .ant-form-item-explain-error');
    if (!first) return;
    first.scrollIntoView({ block: 'center', behavior: 'auto' });
    const input = (first.closest('.ant-form-item') ?? first.parentElement)?.querySelector<HTMLElement>('input:not([type=hidden]), textarea');
    input?.focus({ preventScroll: true });
  }, 60);
}
