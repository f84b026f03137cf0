//! A local stand-in for Discord's API v10 (REST and gateway) on loopback.
