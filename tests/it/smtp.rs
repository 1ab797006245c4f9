//! A mail server for the tests: SMTP as mailin speaks it (commands, states
//! and answers of RFC 5321) over real TCP connections, keeping each message
//! it accepts. Not a stub of the mailer: the app's SMTP client talks to it
//! as to any server.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use mailin::{Action, Handler, Response, SessionBuilder};
use mailparse::MailHeaderMap;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A message as received: its recipients and its parsed parts.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl Received {
    fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.raw).expect("a message in MIME form")
    }

    /// A header, decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        self.parsed().headers.get_first_value(name)
    }

    /// The part of `mime` type (`text/plain`, `text/html`), decoded.
    pub fn body(&self, mime: &str) -> String {
        let parsed = self.parsed();
        parsed
            .subparts
            .iter()
            .chain(std::iter::once(&parsed))
            .find(|part| part.ctype.mimetype == mime)
            .and_then(|part| part.get_body().ok())
            .unwrap_or_default()
    }
}

type Inbox = Arc<Mutex<Vec<Received>>>;

/// A running server; stopped when dropped.
pub struct MailServer {
    pub address: SocketAddr,
    received: Inbox,
    task: JoinHandle<()>,
}

impl MailServer {
    /// Starts a server on a free port of 127.0.0.1.
    pub async fn start() -> MailServer {
        MailServer::start_on(0, Arc::default()).await
    }

    /// Starts a server on `port`, adding to `received`.
    async fn start_on(port: u16, received: Inbox) -> MailServer {
        // A listener just stopped frees its port once its task is dropped.
        let deadline = Instant::now() + Duration::from_secs(5);
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", port)).await {
                Ok(listener) => break listener,
                Err(error) if Instant::now() > deadline => panic!("port {port}: {error}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        };
        let address = listener.local_addr().unwrap();
        let inbox = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((socket, peer)) = listener.accept().await {
                tokio::spawn(converse(socket, peer.ip(), inbox.clone()));
            }
        });
        MailServer {
            address,
            received,
            task,
        }
    }

    /// Stops listening: the port refuses connections until [`restart`].
    pub fn stop(&self) {
        self.task.abort();
    }

    /// Listens again on the same port, keeping what was received.
    pub async fn restart(self) -> MailServer {
        let (port, received) = (self.address.port(), self.received.clone());
        drop(self);
        MailServer::start_on(port, received).await
    }

    /// What was received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// What was received once `count` messages have come, or after `within`.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let deadline = Instant::now() + within;
        loop {
            let received = self.received();
            if received.len() >= count || Instant::now() > deadline {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Collects the message of one connection.
struct Collect {
    inbox: Inbox,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collect {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.inbox
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Received {
                to: std::mem::take(&mut self.to),
                raw: std::mem::take(&mut self.data),
            });
        mailin::response::OK
    }
}

/// One SMTP conversation, line by line, until the client quits.
async fn converse(socket: TcpStream, peer: IpAddr, inbox: Inbox) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    let collect = Collect {
        inbox,
        to: Vec::new(),
        data: Vec::new(),
    };
    let mut session = SessionBuilder::new("mail.test").build(peer, collect);
    if write
        .write_all(&session.greeting().buffer().unwrap())
        .await
        .is_err()
    {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match lines.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let response = session.process(&line);
        match response.action {
            Action::NoReply => {}
            Action::Reply | Action::UpgradeTls => {
                if write.write_all(&response.buffer().unwrap()).await.is_err() {
                    return;
                }
            }
            Action::Close => {
                let _ = write.write_all(&response.buffer().unwrap()).await;
                return;
            }
        }
    }
}
