//! Which content coding a response is sent in, from the request's
//! `Accept-Encoding` (RFC 9110 §12.5.3).

/// A content coding the static files are held in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The server's order when the client weighs several alike: smallest first.
    const PREFERENCE: [Encoding; 3] = [Encoding::Brotli, Encoding::Gzip, Encoding::Identity];

    /// Its `Content-Encoding` token.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }

    fn names(self, coding: &str) -> bool {
        // RFC 9110 §8.4.1.3: `x-gzip` is to be read as `gzip`.
        coding.eq_ignore_ascii_case(self.token())
            || (self == Encoding::Gzip && coding.eq_ignore_ascii_case("x-gzip"))
    }
}

/// A weight in thousandths (`q=0.5` is 500): exact, unlike a float.
type Weight = u16;

const FULL: Weight = 1000;
/// `q=0.001`: accepted, and outranked by anything else accepted.
const LEAST: Weight = 1;

/// The coding to send among those `available`, from the request's
/// `Accept-Encoding`; `None` when the client refuses every one of them,
/// identity included.
///
/// The highest weight wins, ties going to the smaller body. Without the header
/// the body goes as it is: a client that did not say it decodes gets nothing
/// to decode.
pub fn choose(header: Option<&str>, available: impl Fn(Encoding) -> bool) -> Option<Encoding> {
    let Some(header) = header else {
        return Some(Encoding::Identity);
    };
    let accepted: Vec<(&str, Weight)> = header.split(',').filter_map(entry).collect();
    let mut best: Option<(Encoding, Weight)> = None;
    for encoding in Encoding::PREFERENCE {
        let weight = weight(&accepted, encoding);
        if available(encoding) && weight > 0 && best.is_none_or(|(_, top)| weight > top) {
            best = Some((encoding, weight));
        }
    }
    best.map(|(encoding, _)| encoding)
}

/// How much the client wants `encoding`: its own entry, else `*`'s. Identity
/// unnamed is acceptable (unless `*` refuses it) but comes after every coding
/// the client named.
fn weight(accepted: &[(&str, Weight)], encoding: Encoding) -> Weight {
    let named = accepted
        .iter()
        .filter(|(coding, _)| encoding.names(coding))
        .map(|(_, weight)| *weight)
        .max();
    let any = || {
        accepted
            .iter()
            .filter(|(coding, _)| *coding == "*")
            .map(|(_, weight)| *weight)
            .max()
    };
    named.or_else(any).unwrap_or(match encoding {
        Encoding::Identity => LEAST,
        Encoding::Brotli | Encoding::Gzip => 0,
    })
}

/// `gzip;q=0.8` → (`gzip`, 800); `None` for an empty or malformed entry,
/// which is left out.
fn entry(entry: &str) -> Option<(&str, Weight)> {
    let mut parts = entry.split(';').map(str::trim);
    let coding = parts.next().filter(|coding| !coding.is_empty())?;
    let mut weight = FULL;
    for parameter in parts {
        if let Some((name, value)) = parameter.split_once('=')
            && name.trim().eq_ignore_ascii_case("q")
        {
            weight = qvalue(value.trim())?;
        }
    }
    Some((coding, weight))
}

/// RFC 9110 §12.4.2: `0`, `0.5`, `0.125`, `1`, `1.000`; at most three decimals.
fn qvalue(value: &str) -> Option<Weight> {
    let (units, decimals) = value.split_once('.').unwrap_or((value, ""));
    if decimals.len() > 3 || !decimals.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{decimals:0<3}").parse::<Weight>().ok()?;
    match units {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(FULL),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(_: Encoding) -> bool {
        true
    }

    fn pick(header: &str) -> Option<Encoding> {
        choose(Some(header), all)
    }

    #[test]
    fn without_the_header_the_body_goes_uncompressed() {
        assert_eq!(choose(None, all), Some(Encoding::Identity));
    }

    #[test]
    fn an_empty_header_asks_for_no_coding() {
        assert_eq!(pick(""), Some(Encoding::Identity));
    }

    #[test]
    fn brotli_is_preferred_when_both_are_accepted_alike() {
        assert_eq!(pick("gzip, deflate, br"), Some(Encoding::Brotli));
        assert_eq!(pick("gzip, deflate, br, zstd"), Some(Encoding::Brotli));
    }

    #[test]
    fn gzip_is_next() {
        assert_eq!(pick("gzip, deflate"), Some(Encoding::Gzip));
        assert_eq!(pick("x-gzip"), Some(Encoding::Gzip));
    }

    #[test]
    fn unknown_codings_fall_back_to_identity() {
        assert_eq!(pick("deflate, zstd"), Some(Encoding::Identity));
    }

    #[test]
    fn the_clients_weights_rank_before_the_servers_preference() {
        assert_eq!(pick("br;q=0.5, gzip"), Some(Encoding::Gzip));
        assert_eq!(pick("br;q=0.5, gzip;q=0.4"), Some(Encoding::Brotli));
        assert_eq!(pick("gzip;q=0.9, identity"), Some(Encoding::Identity));
        assert_eq!(pick("gzip;q=0.001"), Some(Encoding::Gzip));
    }

    #[test]
    fn a_coding_weighed_zero_is_refused() {
        assert_eq!(pick("br;q=0, gzip"), Some(Encoding::Gzip));
        assert_eq!(pick("br;q=0.000, gzip;q=0"), Some(Encoding::Identity));
    }

    #[test]
    fn the_star_stands_for_every_coding_not_named() {
        assert_eq!(pick("*"), Some(Encoding::Brotli));
        assert_eq!(pick("br;q=0, *"), Some(Encoding::Gzip));
        assert_eq!(pick("*;q=0, identity"), Some(Encoding::Identity));
    }

    #[test]
    fn identity_refused_with_nothing_else_accepted_leaves_no_choice() {
        assert_eq!(pick("identity;q=0"), None);
        assert_eq!(pick("*;q=0"), None);
        assert_eq!(pick("identity;q=0, gzip"), Some(Encoding::Gzip));
    }

    #[test]
    fn codings_and_parameters_are_case_insensitive() {
        assert_eq!(pick("BR;Q=1, GZip"), Some(Encoding::Brotli));
    }

    #[test]
    fn a_malformed_weight_leaves_its_entry_out() {
        assert_eq!(pick("br;q=2, gzip"), Some(Encoding::Gzip));
        assert_eq!(pick("br;q=0.5000, gzip;q=abc"), Some(Encoding::Identity));
        assert_eq!(pick("br;q=1.5"), Some(Encoding::Identity));
    }

    #[test]
    fn only_the_codings_the_file_is_held_in_are_chosen() {
        let no_brotli = |encoding| encoding != Encoding::Brotli;
        assert_eq!(
            choose(Some("br, gzip;q=0.5"), no_brotli),
            Some(Encoding::Gzip)
        );
        let identity_only = |encoding| encoding == Encoding::Identity;
        assert_eq!(choose(Some("br"), identity_only), Some(Encoding::Identity));
        assert_eq!(choose(Some("br, identity;q=0"), identity_only), None);
    }

    #[test]
    fn qvalues_read_to_the_thousandth() {
        assert_eq!(qvalue("0"), Some(0));
        assert_eq!(qvalue("0.5"), Some(500));
        assert_eq!(qvalue("0.125"), Some(125));
        assert_eq!(qvalue("1"), Some(1000));
        assert_eq!(qvalue("1.000"), Some(1000));
        assert_eq!(qvalue("1.001"), None);
        assert_eq!(qvalue(".5"), None);
        assert_eq!(qvalue("0.+5"), None);
    }
}
