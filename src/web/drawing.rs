//! Pages drawn and compressed a few at a time.
//!
//! On launch day a change makes hundreds of open screens fetch their page
//! again within a quarter of a second. Each answer in the making holds its
//! page and a compressor's window and tables (about half a megabyte for
//! brotli, a third for gzip); hundreds at once took the server's memory
//! from 90 to 170 MiB. Two cores draw no faster with more pages under way,
//! so a page waits here for a turn, and is drawn and compressed whole
//! before the next one starts. A stream of live updates gives its turn back
//! as soon as it opens. Forms take turns too: a tick then waits behind the
//! pages the last one made the screens fetch (without, launch day peaked at
//! 102–107 MiB). A live re-fetch, which comes in bursts of hundreds, takes
//! its turn before its session is read ([`refetch_in_turn`]): waiting, it
//! holds nothing but its head, where one waiting after the session's load
//! held the session, its user and the layers' state (launch day peaked at
//! 100–102 MiB then, 86 since). Other requests take theirs once the session
//! is read, so that its round trip to the database overlaps other pages'
//! drawing (taken before, the phase page served a third fewer requests).
//! The forms that wait for a password's hash take none
//! ([`crate::web::password_forms`]): a burst of them would hold every turn.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::sync::{Semaphore, SemaphorePermit};

use crate::web::live_version::LIVE_EVENT;

/// Answers in the making at once, for each core.
const TURNS_PER_CORE: usize = 4;

/// The turns, shared by every request of the process.
#[derive(Clone)]
pub struct Turns(Arc<Semaphore>);

impl Turns {
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self::new(cores * TURNS_PER_CORE)
    }

    fn new(turns: usize) -> Self {
        Self(Arc::new(Semaphore::new(turns)))
    }
}

/// Marks a request that holds its turn already.
#[derive(Clone, Copy)]
struct InTurn;

/// Draws a live re-fetch's answer in its turn, taken before anything is
/// read for it, and whole; other requests pass.
pub async fn refetch_in_turn(
    State(turns): State<Turns>,
    mut request: Request,
    next: Next,
) -> Response {
    if !request.headers().contains_key(LIVE_EVENT) {
        return next.run(request).await;
    }
    request.extensions_mut().insert(InTurn);
    drawn_in_turn(&turns, request, next).await
}

/// Draws `request`'s answer in its turn, and whole, unless it holds one.
pub async fn in_turn(State(turns): State<Turns>, request: Request, next: Next) -> Response {
    if request.extensions().get::<InTurn>().is_some() {
        return next.run(request).await;
    }
    drawn_in_turn(&turns, request, next).await
}

async fn drawn_in_turn(turns: &Turns, request: Request, next: Next) -> Response {
    let Ok(turn) = turns.0.acquire().await else {
        return next.run(request).await;
    };
    whole(turn, next.run(request).await).await
}

/// `response` whole, with its length, `turn` given back once it is drawn;
/// a stream gives it back as it opens.
async fn whole(turn: SemaphorePermit<'_>, response: Response) -> Response {
    if is_stream(&response) {
        drop(turn);
        return response;
    }
    let (mut parts, body) = response.into_parts();
    match to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

fn is_stream(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|accept| accept.as_bytes().starts_with(b"text/event-stream"))
}

#[cfg(test)]
mod tests {
    use std::convert::Infallible;
    use std::time::Duration;

    use axum::Router;
    use axum::middleware::from_fn_with_state;
    use axum::routing::get;
    use futures_util::stream;
    use tokio::net::TcpListener;

    use super::*;

    /// Answers with the turns free as the request passed, where the app
    /// reads the session: between the two layers that take turns.
    async fn turns_free(State(turns): State<Turns>, request: Request, next: Next) -> Response {
        let free = turns.0.available_permits();
        let mut response = next.run(request).await;
        response
            .headers_mut()
            .insert(TURNS_FREE, HeaderValue::from(free));
        response
    }

    const TURNS_FREE: &str = "x-turns-free";

    /// One turn, a page sent in two pieces and a stream that never ends,
    /// served on a port of its own.
    async fn serve() -> String {
        // reqwest's client wants a TLS provider, even for plain HTTP.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let turns = Turns::new(1);
        let app = Router::new()
            .route(
                "/page",
                get(|| async {
                    let pieces = ["<p>one</p>", "<p>two</p>"].map(Ok::<_, Infallible>);
                    Body::from_stream(stream::iter(pieces))
                }),
            )
            .route(
                "/events",
                get(|| async {
                    let body = Body::from_stream(stream::pending::<Result<String, Infallible>>());
                    ([(header::CONTENT_TYPE, "text/event-stream")], body)
                }),
            )
            .layer(from_fn_with_state(turns.clone(), in_turn))
            .layer(from_fn_with_state(turns.clone(), turns_free))
            .layer(from_fn_with_state(turns, refetch_in_turn));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{address}")
    }

    #[tokio::test]
    async fn a_page_is_sent_whole_with_its_length() {
        let base = serve().await;
        let page = reqwest::get(format!("{base}/page")).await.unwrap();
        assert_eq!(page.headers()[header::CONTENT_LENGTH], "20");
        assert_eq!(page.text().await.unwrap(), "<p>one</p><p>two</p>");
    }

    #[tokio::test]
    async fn a_live_refetch_takes_its_one_turn_before_the_session_is_read() {
        let base = serve().await;
        let refetch = reqwest::Client::new()
            .get(format!("{base}/page"))
            .header(LIVE_EVENT, "7")
            .send();
        // With its one turn taken twice, the answer would never come.
        let refetched = tokio::time::timeout(Duration::from_secs(10), refetch)
            .await
            .expect("a re-fetch holding its turn is not made to wait for another")
            .unwrap();
        let page = reqwest::get(format!("{base}/page")).await.unwrap();

        assert_eq!(refetched.headers()[header::CONTENT_LENGTH], "20");
        assert_eq!(
            refetched.headers()[TURNS_FREE],
            "0",
            "the re-fetch held its turn before"
        );
        assert_eq!(
            page.headers()[TURNS_FREE],
            "1",
            "another page takes its turn after"
        );
    }

    #[tokio::test]
    async fn an_open_stream_gives_its_turn_back() {
        let base = serve().await;
        let within = |url: String| {
            tokio::time::timeout(Duration::from_secs(10), async move {
                reqwest::get(url).await.unwrap()
            })
        };
        let stream = within(format!("{base}/events"))
            .await
            .expect("the stream's head was sent before its end");
        let page = within(format!("{base}/page"))
            .await
            .expect("the page got the only turn while the stream stayed open");
        assert_eq!(page.text().await.unwrap(), "<p>one</p><p>two</p>");
        drop(stream);
    }
}
