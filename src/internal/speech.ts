/**
 * Read-aloud over the Web Speech API (`speechSynthesis`).
 *
 * The controller speaks a list of blocks one utterance each, in order, and reports the block
 * being spoken (when its utterance starts) so the caller can highlight and scroll to it.
 * It looks `speechSynthesis` and `SpeechSynthesisUtterance` up on the global object when it
 * needs them, never at module load, so it is safe to import during server rendering and in
 * browsers without speech.
 */

/** What the controller is doing. */
export type ReadAloudState = 'idle' | 'speaking' | 'paused';

/** One thing to read: its text and the element it came from (to highlight). */
export interface ReadAloudItem {
  text: string;
  element?: HTMLElement | null;
}

export interface ReadAloudCallbacks {
  /** The utterance of `items[index]` started; `null`/`-1` when reading ended or stopped. */
  onBlock?(element: HTMLElement | null, index: number): void;
  /** The state changed. */
  onStateChange?(state: ReadAloudState): void;
}

type SpeechGlobal = typeof globalThis & {
  speechSynthesis?: SpeechSynthesis;
  SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance;
};

/** The page's `speechSynthesis`, or `undefined` where the browser has none. */
export function getSpeechSynthesis(): SpeechSynthesis | undefined {
  try {
    const g = globalThis as SpeechGlobal;
    if (typeof g.SpeechSynthesisUtterance !== 'function') return undefined;
    const synth = g.speechSynthesis;
    return synth && typeof synth.speak === 'function' ? synth : undefined;
  } catch {
    return undefined;
  }
}

function normalizeLang(lang: string): string {
  return lang.trim().replace(/_/g, '-').toLowerCase();
}

const TRADITIONAL = /^zh-(?:hant|tw|hk|mo)\b|^zh-.*-(?:tw|hk|mo)$/;

/**
 * The best voice for `lang` (BCP 47) among `voices`, or `undefined` when none speaks its
 * language. An exact tag wins; for Chinese, a zh-CN voice is preferred for Simplified text
 * (`zh`, `zh-Hans`, `zh-CN`, `zh-SG`) and a zh-TW / zh-HK voice for Traditional text; then a
 * local voice; then any voice of the same language.
 */
export function findVoice(
  voices: readonly SpeechSynthesisVoice[],
  lang: string,
): SpeechSynthesisVoice | undefined {
  const wanted = normalizeLang(lang || 'zh-CN');
  const primary = wanted.split('-')[0];
  const same = voices.filter((v) => normalizeLang(v.lang ?? '').split('-')[0] === primary);
  if (same.length === 0) return undefined;
  const exact = same.find((v) => normalizeLang(v.lang) === wanted);
  if (exact) return exact;
  if (primary === 'zh') {
    const order = TRADITIONAL.test(wanted)
      ? ['zh-tw', 'zh-hk', 'zh-mo', 'zh-hant']
      : ['zh-cn', 'zh-hans-cn', 'zh-sg', 'zh-hans'];
    for (const tag of order) {
      const voice = same.find((v) => normalizeLang(v.lang) === tag);
      if (voice) return voice;
    }
  }
  return same.find((v) => v.localService) ?? same[0];
}

/**
 * Speaks items one utterance at a time. Pause, resume and stop act on the page's single
 * speech queue; `stop()` cancels it, so call it when the page is hidden or the owner leaves.
 */
export class ReadAloudController {
  private items: ReadAloudItem[] = [];
  private index = -1;
  /** Bumped on every start/stop so that callbacks of old utterances are ignored. */
  private generation = 0;
  private current: SpeechSynthesisUtterance | null = null;
  private voice: SpeechSynthesisVoice | undefined;
  private lang = 'zh-CN';
  private _state: ReadAloudState = 'idle';

  constructor(private readonly callbacks: ReadAloudCallbacks = {}) {}

  /** What the controller is doing now. */
  get state(): ReadAloudState {
    return this._state;
  }

  /** Whether the browser has speechSynthesis at all. */
  get supported(): boolean {
    return getSpeechSynthesis() !== undefined;
  }

  /** The voice that would read `lang` now, if any (voices may arrive later; see `watchVoices`). */
  voiceFor(lang: string): SpeechSynthesisVoice | undefined {
    const synth = getSpeechSynthesis();
    if (!synth) return undefined;
    try {
      return findVoice(synth.getVoices() ?? [], lang);
    } catch {
      return undefined;
    }
  }

  /**
   * Calls `listener` whenever the browser's voice list changes (voices load asynchronously).
   * Returns a function that stops listening.
   */
  watchVoices(listener: () => void): () => void {
    const synth = getSpeechSynthesis();
    if (!synth || typeof synth.addEventListener !== 'function') return () => {};
    synth.addEventListener('voiceschanged', listener);
    return () => synth.removeEventListener('voiceschanged', listener);
  }

  /** Starts reading `items` in `lang` from the first one. Returns false when it cannot. */
  start(items: readonly ReadAloudItem[], lang: string): boolean {
    this.stop();
    const synth = getSpeechSynthesis();
    const readable = items.filter((item) => item.text.trim() !== '');
    if (!synth || readable.length === 0) return false;
    this.items = readable;
    this.lang = lang || 'zh-CN';
    this.voice = this.voiceFor(this.lang);
    this.index = 0;
    this.setState('speaking');
    this.speakCurrent(this.generation);
    return true;
  }

  /** Pauses the current utterance. */
  pause(): void {
    if (this._state !== 'speaking') return;
    try {
      getSpeechSynthesis()?.pause();
    } catch {
      // A browser that cannot pause keeps speaking; the state still tells the truth below.
    }
    this.setState('paused');
  }

  /** Resumes after `pause()`. */
  resume(): void {
    if (this._state !== 'paused') return;
    try {
      getSpeechSynthesis()?.resume();
    } catch {
      this.stop();
      return;
    }
    this.setState('speaking');
  }

  /** Stops reading and clears the queue. Safe to call at any time. */
  stop(): void {
    this.generation += 1;
    const wasActive = this._state !== 'idle';
    this.items = [];
    this.index = -1;
    this.current = null;
    if (wasActive) {
      try {
        getSpeechSynthesis()?.cancel();
      } catch {
        // Nothing left to cancel.
      }
      this.callbacks.onBlock?.(null, -1);
      this.setState('idle');
    }
  }

  private setState(state: ReadAloudState): void {
    if (state === this._state) return;
    this._state = state;
    this.callbacks.onStateChange?.(state);
  }

  private speakCurrent(generation: number): void {
    const synth = getSpeechSynthesis();
    const item = this.items[this.index];
    if (!synth || !item) {
      this.stop();
      return;
    }
    const Utterance = (globalThis as SpeechGlobal).SpeechSynthesisUtterance!;
    const utterance = new Utterance(item.text.replace(/\s+/g, ' ').trim());
    utterance.lang = this.lang;
    if (this.voice) utterance.voice = this.voice;
    const index = this.index;
    utterance.onstart = () => {
      if (generation !== this.generation) return;
      this.callbacks.onBlock?.(item.element ?? null, index);
    };
    utterance.onend = () => {
      if (generation !== this.generation || this.current !== utterance) return;
      this.index += 1;
      if (this.index >= this.items.length) this.stop();
      else this.speakCurrent(generation);
    };
    utterance.onerror = () => {
      if (generation !== this.generation || this.current !== utterance) return;
      this.stop();
    };
    this.current = utterance;
    try {
      synth.speak(utterance);
    } catch {
      this.stop();
    }
  }
}
