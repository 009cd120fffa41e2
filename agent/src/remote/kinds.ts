// Every tunnel target module, imported for its registerTarget(...) call. Add a line per kind.
import './tcp.js';
