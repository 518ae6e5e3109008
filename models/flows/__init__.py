"""The flow family: 2-D normalizing flows and flow matching, the digit Glow and its trainer."""
