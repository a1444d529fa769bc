// antd's message and confirmation dialog, fetched the first time one is shown: most page
// loads show neither, and on a slow line their code (about 17 KB gzipped) should not delay
// the page. Until the frame after login has mounted its Feedback (layout/Feedback.tsx),
// requests wait here; a page without that frame (the print views) shows none.
import type { Modal, message } from 'antd';

export interface FeedbackApis {
  message: ReturnType<typeof message.useMessage>[0];
  modal: ReturnType<typeof Modal.useModal>[0];
}

let apis: FeedbackApis | null = null;
const waiting: ((apis: FeedbackApis) => void)[] = [];
let mount: (() => void) | null = null;

/** Runs `use` with the APIs, once they are loaded (loading them on first use). */
export function withFeedback(use: (apis: FeedbackApis) => void): void {
  if (apis) {
    use(apis);
    return;
  }
  waiting.push(use);
  mount?.();
}

/** For the frame: how to mount Feedback when it is first needed. */
export function onFeedbackNeeded(mountFeedback: () => void): () => void {
  mount = mountFeedback;
  if (waiting.length) mountFeedback();
  return () => {
    if (mount === mountFeedback) mount = null;
  };
}

/** For Feedback, once mounted: the APIs, themed by the ConfigProvider around them. */
export function provideFeedback(next: FeedbackApis | null): void {
  apis = next;
  if (next) for (const use of waiting.splice(0)) use(next);
}
