//! Signing the bench user in, and browsing with the session cookie.

use std::sync::Arc;

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::{self, HeaderValue};
use reqwest::redirect::Policy;
use reqwest::{Client, Method, RequestBuilder, StatusCode};
use scraper::{Html, Selector};

use super::server::Server;
use super::{EMAIL, PASSWORD};

/// The bench user's session on one server. Its client follows no redirect,
/// so that an answer is seen as the server gave it.
#[derive(Clone)]
pub struct Session {
    client: Client,
    /// The `Cookie` header, which tools other than `client` send too (wrk).
    pub cookie: HeaderValue,
    pub base: String,
}

impl Server {
    /// Signs the bench user in through the login form.
    pub async fn sign_in(&self) -> Session {
        // reqwest is built without a TLS provider of its own: the server's
        // (rustls through ring) is installed before any client is made.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let jar = Arc::new(Jar::default());
        let client = Client::builder()
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .build()
            .unwrap();
        let login = format!("{}/login", self.base);
        let page = client.get(&login).send().await.unwrap();
        let token = csrf_field(&page.text().await.unwrap());
        let form = [
            ("csrf", token.as_str()),
            ("email", EMAIL),
            ("password", PASSWORD),
        ];
        let answer = client.post(&login).form(&form).send().await.unwrap();
        let went_to = answer.headers().get(header::LOCATION).cloned();
        assert!(
            answer.status() == StatusCode::SEE_OTHER
                && went_to.is_some_and(|location| !location.as_bytes().starts_with(b"/login")),
            "the bench user could not sign in: {} {:?}",
            answer.status(),
            answer.text().await
        );
        let cookie = jar
            .cookies(&self.base.parse().unwrap())
            .expect("signing in sets a cookie");
        Session {
            client: Client::builder().redirect(Policy::none()).build().unwrap(),
            cookie,
            base: self.base.clone(),
        }
    }
}

impl Session {
    /// A request to `path` on the session's server, with its cookie.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .header(header::COOKIE, &self.cookie)
    }

    /// The page at `path`, which must answer 200: a redirect would mean the
    /// session is gone, and a bench would then measure the wrong page.
    pub async fn page(&self, path: &str) -> String {
        let answer = self.request(Method::GET, path).send().await.unwrap();
        let status = answer.status();
        assert_eq!(status, StatusCode::OK, "GET {path} answered {status}");
        answer.text().await.unwrap()
    }
}

/// The value of the page's hidden `csrf` field.
pub fn csrf_field(html: &str) -> String {
    let selector = Selector::parse(r#"input[name="csrf"]"#).unwrap();
    Html::parse_document(html)
        .select(&selector)
        .next()
        .and_then(|input| input.attr("value"))
        .expect("the page has a csrf field")
        .to_owned()
}
