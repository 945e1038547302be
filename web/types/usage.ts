// A small integration written against chatclose.d.ts. make test compiles it (scripts/test-types.sh):
// what an integrator's TypeScript does must compile, and each @ts-expect-error line is a
// mistake the declarations must catch (tsc fails when such a line compiles).
import type {
  ChatCloseBus,
  ChatCloseCheck,
  ChatCloseConfigureOptions,
  ChatCloseDiagnosis,
  ChatCloseOptions,
  ChatCloseState,
} from './chatclose';

declare const CXBus: ChatCloseBus;

export const options: ChatCloseOptions = {
  mode: 'auto',
  notice: 'Thanks! All done here.',
  i18n: { nl: { notice: 'Bedankt! U hoeft niet meer te antwoorden.', unlock: 'Ik heb nog een vraag', locked: 'Gesloten' } },
  readOnly: true,
  states: ['Finalizing', 'Completed'],
  load: 'lazy',
  busTimeout: 60000,
  commandTimeout: 2000,
  inputSelector: '#chat textarea',
  transcriptSelector: '#chat .log',
  debug: false,
};

// @ts-expect-error: not a mode
export const badMode: ChatCloseOptions = { mode: 'close' };
// @ts-expect-error: not an option (a typo)
export const typo: ChatCloseOptions = { readonly: true };
// @ts-expect-error: i18n texts are notice, unlock and locked
export const badText: ChatCloseOptions = { i18n: { de: { title: 'Danke' } } };
// @ts-expect-error: load works only before the page loads, not in configure
export const lateLoad: ChatCloseConfigureOptions = { load: 'eager' };

CXBus.command('ChatClose.diagnose').done(console.table);
CXBus.command('ChatClose.diagnose').done((checks: ChatCloseDiagnosis) => {
  const failing: ChatCloseCheck[] = checks.filter((c) => !c.ok);
  for (const c of failing) console.warn(c.name + ': ' + c.found + ' ' + c.fix);
});

CXBus.command('ChatClose.getState').done((state: ChatCloseState) => {
  if (state.loaded) {
    const action: 'notify' | 'end' | 'none' = state.action;
    console.log(action, state.lastStateChange?.decision, state.done.map((d) => d.time));
  } else {
    console.log(state.load, state.version);
  }
});

CXBus.command('ChatClose.configure', { mode: 'notify', readOnly: true })
  .done((state) => console.log(state.mode, state.locked))
  .fail((reason: string) => console.warn(reason));
// @ts-expect-error: busTimeout cannot change at run time
CXBus.command('ChatClose.configure', { busTimeout: 5 });
// @ts-expect-error: not one of ChatClose's commands
CXBus.command('ChatClose.close');

CXBus.subscribe('ChatClose.ready', (e) => console.log(e.data.version, e.data.mode, e.data.tab));
CXBus.subscribe('ChatClose.notified', (e) => console.log(e.data.state, e.data.index, e.data.tab, e.data.remote));
CXBus.subscribe('ChatClose.ended', (e) => console.log(e.data.index));
CXBus.subscribe('ChatClose.locked', (e) => console.log(e.data.index));
CXBus.subscribe('ChatClose.unlocked', (e) => {
  const reason: 'control' | 'activity' | 'newChat' | 'remote' | 'configure' = e.data.reason;
  console.log(reason, e.data.remote);
});
CXBus.subscribe('ChatClose.error', (e) => console.log(e.data.message, e.data.timeout));
// @ts-expect-error: notified has no message
CXBus.subscribe('ChatClose.notified', (e) => console.log(e.data.message));
