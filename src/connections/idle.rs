//! Noticing a connection on which nothing moves: a client that stopped
//! reading its answer, or stopped sending its body, holds a connection the
//! header deadline no longer covers.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Instant;

/// A stream that notes when a byte last went through it, either way.
pub(super) struct Watched<S> {
    inner: S,
    progress: Arc<Progress>,
}

/// When a watched stream last moved a byte.
pub(super) struct Progress {
    opened: Instant,
    /// Milliseconds from `opened` to the last byte moved.
    last: AtomicU64,
}

impl<S> Watched<S> {
    pub(super) fn new(inner: S) -> (Watched<S>, Arc<Progress>) {
        let progress = Arc::new(Progress {
            opened: Instant::now(),
            last: AtomicU64::new(0),
        });
        let watched = Watched {
            inner,
            progress: Arc::clone(&progress),
        };
        (watched, progress)
    }
}

impl Progress {
    fn moved(&self) {
        let since = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(since, Ordering::Relaxed);
    }

    fn last_moved(&self) -> Instant {
        self.opened + Duration::from_millis(self.last.load(Ordering::Relaxed))
    }

    /// Resolves once nothing has moved for `timeout`; it wakes once a
    /// `timeout` at most, not at each byte.
    pub(super) async fn idle(&self, timeout: Duration) {
        loop {
            let deadline = self.last_moved() + timeout;
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep_until(deadline).await;
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.progress.moved();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.note(&polled);
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.note(&polled);
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl<S> Watched<S> {
    fn note(&self, written: &Poll<io::Result<usize>>) {
        if matches!(written, Poll::Ready(Ok(written)) if *written > 0) {
            self.progress.moved();
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    use super::*;

    #[tokio::test]
    async fn a_stream_is_idle_once_nothing_moved_for_the_timeout_since_its_last_byte() {
        let (mut client, server) = tokio::io::duplex(64);
        let (mut watched, progress) = Watched::new(server);
        let timeout = Duration::from_millis(200);

        tokio::time::sleep_until(Instant::now() + timeout / 2).await;
        client.write_all(b"x").await.unwrap();
        watched.read_exact(&mut [0; 1]).await.unwrap();
        let moved_at = Instant::now();
        progress.idle(timeout).await;

        // Timestamps are kept to the millisecond.
        assert!(moved_at.elapsed() + Duration::from_millis(1) >= timeout);
    }
}
