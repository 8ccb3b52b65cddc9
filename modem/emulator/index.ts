/**
 * The emulator's public surface: virtual modems on a virtual GSM network, reached in
 * process (a serialport binding) or on pseudo-terminals, with a control API.
 * Runtime: Node. Tests inside this folder may use its files directly.
 */
export { Emulator, installDemoServices, luhnDigit, type EmulatorOptions, type ModemSpec } from './emulator';
export { createDemo, demoReply, DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER, type DemoNetwork } from './demo';
export { VirtualNetwork, type Endpoint, type NetworkEvent, type NetworkOptions, type SubmitFault, type UssdSession } from './network';
export { VirtualModem, type Subscriber } from './virtual-modem';
export { Handset, type ReceivedText } from './handset';
export { PROFILES, isProfileId, type ModemProfile, type ProfileId } from './profiles';
export { createVirtualBinding } from './binding';
export { exposeOnPty, type PtyHandle } from './pty';
export { PtyHost } from './pty-host';
export { startControlServer, type ControlServer } from './control';
export { ManualScheduler, realScheduler, type Scheduler } from './scheduler';
export { deliversFor } from './tpdu';
