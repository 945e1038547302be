// TypeScript declarations for chatclose, the Genesys Widgets plugin that tells the customer
// their chat is over. chatclose is one script tag beside Genesys Widgets: these types describe
// its configuration (window._genesys.widgets.chatclose), its CXBus commands and its events.
// The README's "Configuration" and "Bus API" sections are the reference; a test in make test
// keeps the names here and there the same.
//
//   import type { ChatCloseOptions, ChatCloseBus } from 'chatclose';
//   const options: ChatCloseOptions = { readOnly: true };
//   (window as any)._genesys.widgets.chatclose = options;
//   const bus = (window as any).CXBus as ChatCloseBus;
//   bus.command('ChatClose.diagnose').done(console.table);

/** What chatclose does once an agent has finished with a segment of the chat. */
export type ChatCloseMode = 'auto' | 'notify' | 'end' | 'off';

/** What the configured mode means now. */
export type ChatCloseAction = 'notify' | 'end' | 'none';

/** The texts of one language; each replaces the built-in one. */
export interface ChatCloseTexts {
  /** The notice shown in the transcript (1 to 4096 bytes, always shown as text). */
  notice?: string;
  /** The label of the control under the notice that lets the customer write again (readOnly). */
  unlock?: string;
  /** The placeholder of the locked input box (readOnly). */
  locked?: string;
}

/** window._genesys.widgets.chatclose: every option is optional. */
export interface ChatCloseOptions {
  /** auto (default): notify in asynchronous chat, end otherwise; notify/end force one; off never acts. */
  mode?: ChatCloseMode;
  /** Replaces the built-in notice in every language i18n does not cover (1 to 4096 bytes). */
  notice?: string;
  /** Texts per language (the language is _genesys.widgets.main.lang; de-AT falls back to de). */
  i18n?: Record<string, ChatCloseTexts>;
  /** After the notice the customer cannot send until they choose to write again. Default false. */
  readOnly?: boolean;
  /** The interaction states that close a segment. Default ['Finalizing', 'Completed']. */
  states?: string[];
  /** lazy (default): fetch the module once the page has a chat; eager: at once. */
  load?: 'lazy' | 'eager';
  /** Whole milliseconds to wait for window.CXBus (1 to 600000). Default 30000. */
  busTimeout?: number;
  /** Whole milliseconds every CXBus command chatclose sends may take (1 to 600000). Default 5000. */
  commandTimeout?: number;
  /** WebChat's input box, which read-only mode disables. Default '.cx-webchat .cx-message-input'. */
  inputSelector?: string;
  /** WebChat's transcript, where chatclose shows a notice WebChat refuses. Default '.cx-webchat .cx-transcript'. */
  transcriptSelector?: string;
  /** Log every decision to the console. Default false. */
  debug?: boolean;
}

/** ChatClose.configure's options: every option but load and busTimeout, which work only before the page loads. */
export type ChatCloseConfigureOptions = Omit<ChatCloseOptions, 'load' | 'busTimeout'>;

/** One action chatclose took, in ChatCloseState.done. */
export interface ChatCloseRecord {
  /** notify, end, or none (mode off, or a transport chatclose cannot serve). */
  action: 'notify' | 'end' | 'none';
  state: string;
  index: string;
  tab: string;
  remote: boolean;
  /** Milliseconds since 1970, like Date.now(). */
  time: number;
}

/** The newest state change chatclose saw. */
export interface ChatCloseStateChange {
  state: string;
  index: string;
  /** Why chatclose acted, or did not. */
  decision: string;
}

/** ChatClose.getState's answer before the module is loaded (a page without a chat). */
export interface ChatCloseEarlyState {
  version: string;
  ready: false;
  loaded: false;
  load: 'lazy' | 'eager';
  mode: string;
}

/** ChatClose.getState's and ChatClose.configure's answer once the module runs. */
export interface ChatCloseLoadedState {
  version: string;
  /** Subscribed and working. */
  ready: boolean;
  loaded: true;
  mode: ChatCloseMode;
  /** What the mode means now: none on a transport chatclose cannot serve. */
  action: ChatCloseAction;
  /** _genesys.widgets.webchat.transport.async.enabled is true. */
  async: boolean;
  readOnly: boolean;
  /** The input is locked now. */
  locked: boolean;
  lang: string;
  /** This tab's id. */
  tab: string;
  /** The cross-tab channel and the chat session are known. */
  tabsInSync: boolean;
  lastStateChange: ChatCloseStateChange | null;
  /** The last 20 actions, oldest first. */
  done: ChatCloseRecord[];
}

/** ChatClose.getState's answer. */
export type ChatCloseState = ChatCloseEarlyState | ChatCloseLoadedState;

/** The startup checks, in the order ChatClose.diagnose lists them. */
export type ChatCloseCheckName = 'transport' | 'webChatService' | 'inputSelector' | 'transcriptSelector' | 'options';

/** One startup check, as ChatClose.diagnose resolves it. */
export interface ChatCloseCheck {
  name: ChatCloseCheckName;
  /** false when chatclose cannot do its work on this page as it is. */
  ok: boolean;
  /** What chatclose found on the page. */
  found: string;
  /** What to change; empty when ok. */
  fix: string;
}

/** ChatClose.diagnose's answer: every check. console.table shows it as a table. */
export type ChatCloseDiagnosis = ChatCloseCheck[];

/** The data of ChatClose.ready (republished). */
export interface ChatCloseReady {
  version: string;
  mode: ChatCloseMode;
  tab: string;
}

/** The data of ChatClose.notified, ChatClose.ended and ChatClose.locked. */
export interface ChatCloseActed {
  /** The interaction state acted on, e.g. Finalizing. */
  state: string;
  /** The index of its message. */
  index: string;
  /** The tab that acted on it. */
  tab: string;
  /** true in the tabs that followed another tab. */
  remote: boolean;
}

/** The data of ChatClose.unlocked. */
export interface ChatCloseUnlocked {
  reason: 'control' | 'activity' | 'newChat' | 'remote' | 'configure';
  tab: string;
  remote: boolean;
}

/** The data of ChatClose.error. */
export interface ChatCloseError extends ChatCloseActed {
  message: string;
  /** The command never settled. */
  timeout: boolean;
}

/** Each of ChatClose's commands: its options and what it resolves with. */
export interface ChatCloseCommands {
  'ChatClose.getState': { options: Record<string, never> | undefined; resolution: ChatCloseState };
  'ChatClose.configure': { options: ChatCloseConfigureOptions; resolution: ChatCloseLoadedState };
  'ChatClose.diagnose': { options: Record<string, never> | undefined; resolution: ChatCloseDiagnosis };
}

/** Each of ChatClose's events and its data. */
export interface ChatCloseEvents {
  'ChatClose.ready': ChatCloseReady;
  'ChatClose.notified': ChatCloseActed;
  'ChatClose.ended': ChatCloseActed;
  'ChatClose.locked': ChatCloseActed;
  'ChatClose.unlocked': ChatCloseUnlocked;
  'ChatClose.error': ChatCloseError;
}

/** The promise CXBus commands return (not a Promise: done, fail, always). */
export interface CXBusDeferred<T> {
  done(callback: (value: T) => void): CXBusDeferred<T>;
  /** A rejection's reason; chatclose rejects with a string. */
  fail(callback: (reason: string) => void): CXBusDeferred<T>;
  always(callback: (valueOrReason: T | string) => void): CXBusDeferred<T>;
}

/** What a CXBus subscriber receives. */
export interface CXBusEvent<D> {
  time: number;
  publisher: string;
  event: string;
  data: D;
}

/** window.CXBus, typed for ChatClose's commands and events. */
export interface ChatCloseBus {
  command<K extends keyof ChatCloseCommands>(name: K, options?: ChatCloseCommands[K]['options']): CXBusDeferred<ChatCloseCommands[K]['resolution']>;
  /** Returns the event name, or false when CXBus refused the subscription. */
  subscribe<K extends keyof ChatCloseEvents>(name: K, callback: (event: CXBusEvent<ChatCloseEvents[K]>) => void): string | false;
}
