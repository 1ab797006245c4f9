//! The name resolution of webhook deliveries: every address a host name
//! gives is checked as the connection is made, not only when the webhook
//! was saved, so a name that later points inside the network (DNS
//! rebinding) reaches nothing. Written here because reqwest's resolvers
//! check nothing; it resolves with the system, as reqwest's default does.

use std::net::{IpAddr, SocketAddr};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::domain::webhook;

/// Which addresses deliveries may reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Guard {
    /// Private, loopback and link-local ones too (on-premise receivers, tests).
    pub allow_private: bool,
}

impl Guard {
    /// Whether a delivery may reach `address`.
    pub fn admits(self, address: IpAddr) -> bool {
        self.allow_private || !webhook::refused(address)
    }
}

/// Why a host cannot be reached.
#[derive(Debug, thiserror::Error)]
#[error("{host} resolves to {address}, a private or special address")]
pub struct Refused {
    host: String,
    address: IpAddr,
}

impl Resolve for Guard {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = *self;
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(address) = addresses
                .iter()
                .map(SocketAddr::ip)
                .find(|ip| !guard.admits(*ip))
            {
                return Err(
                    Box::new(Refused { host, address }) as Box<dyn std::error::Error + Send + Sync>
                );
            }
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}
