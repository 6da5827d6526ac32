// <InSocketCore name="recv" />: a badge saying whether @netprog/socket-core exports that call
// today. The answer comes from the library itself at build time (socket-core-api.data.ts).
import { defineComponent, h } from 'vue';
import { data as api } from '../socket-core-api/socket-core-api.data.ts';
import { hasApi } from '../socket-core-api/socket-core-api.ts';

/**
 * Globally registered as `InSocketCore`; renders a tick (labelled "in socket-core") or
 * "not in socket-core".
 *
 * @example
 * | `recv(bufsize)` | `s.recv(bufsize)` <InSocketCore name="recv" /> |
 */
export const InSocketCore = defineComponent({
  name: 'InSocketCore',
  props: { name: { type: String, required: true } },
  setup(props) {
    return () => {
      const available = hasApi(api, props.name);
      return h(
        'span',
        {
          class: ['VPBadge', available ? 'tip' : 'warning', 'in-socket-core'],
          'data-socket-core': props.name,
          'data-available': String(available),
          'aria-label': available ? 'in socket-core' : 'not in socket-core',
          title: available
            ? `@netprog/socket-core exports ${props.name}`
            : `@netprog/socket-core does not export ${props.name}`,
        },
        // A tick is enough where the call exists; what is missing is spelled out.
        available ? '✓' : 'not in socket-core',
      );
    };
  },
});
