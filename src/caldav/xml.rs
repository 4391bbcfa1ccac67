//! WebDAV XML: the bodies Rondo sends, and a small namespace-resolved tree of what the
//! server answers, with the `multistatus` read into [`DavResponse`]s.
//!
//! Elements are named by namespace URI and local name, never by prefix: servers choose
//! their prefixes freely (`D:`, `d:`, a default namespace), and an element in the wrong
//! namespace is not the one asked for.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// The WebDAV namespace (RFC 4918).
pub const DAV: &str = "DAV:";
/// The CalDAV namespace (RFC 4791).
pub const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
/// Apple's iCal namespace (calendar-color).
pub const APPLE: &str = "http://apple.com/ns/ical/";
/// The CalendarServer namespace (`getctag`).
pub const CALENDARSERVER: &str = "http://calendarserver.org/ns/";

/// An element: namespace URI, local name, attributes (by local name), text and children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The namespace URI ("" when none).
    pub ns: String,
    /// The local name.
    pub name: String,
    /// Attributes without a namespace, by local name.
    pub attrs: Vec<(String, String)>,
    /// The text directly inside (entities resolved, CDATA included).
    pub text: String,
    /// Child elements in order.
    pub children: Vec<Element>,
}

impl Element {
    /// True if this is `{ns}name`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The first child `{ns}name`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    /// Every child `{ns}name`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The trimmed text of the `DAV:href` children.
    pub fn hrefs(&self) -> Vec<String> {
        self.children_named(DAV, "href")
            .map(|h| h.text.trim().to_string())
            .filter(|h| !h.is_empty())
            .collect()
    }
}

/// Parses an XML document into its root element.
///
/// # Errors
/// A description of the first problem: not XML, unbalanced, an unknown prefix, no root.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("not XML: {e}"))?;
        let ns = match ns {
            ResolveResult::Bound(n) => n.0.to_string(),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(p) => return Err(format!("unknown XML prefix {p:?}")),
        };
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                let _ = e;
                return Err("content after the root element".into());
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let mut el = Element {
                    ns,
                    name: e.local_name().as_ref().to_string(),
                    ..Element::default()
                };
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| format!("bad attribute: {e}"))?;
                    if attr.key.prefix().is_none() {
                        let value = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| format!("bad attribute: {e}"))?;
                        el.attrs
                            .push((attr.key.local_name().as_ref().to_string(), value.into()));
                    }
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(el);
                } else {
                    close(el, &mut stack, &mut root);
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("an end tag with no start")?;
                close(el, &mut stack, &mut root);
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text
                        .push_str(&t.xml_content(quick_xml::XmlVersion::Implicit1_0));
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&c);
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .map_err(|e| format!("bad character reference: {e}"))?
                        .map(String::from)
                } else {
                    let name = r.xml_content(quick_xml::XmlVersion::Implicit1_0);
                    quick_xml::escape::resolve_xml_entity(&name).map(str::to_string)
                };
                let resolved = resolved.ok_or("an unknown entity")?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err("the document ends inside an element".into());
    }
    root.ok_or_else(|| "no XML element at all".into())
}

fn close(el: Element, stack: &mut [Element], root: &mut Option<Element>) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(el),
        None => *root = Some(el),
    }
}

/// One `DAV:response` of a multistatus: the resource, and its properties by status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DavResponse {
    /// The resource's href as the server wrote it.
    pub href: String,
    /// The response-level status (a member removed from a sync-collection: 404).
    pub status: Option<u16>,
    /// The properties found (status 2xx).
    pub props: Vec<Element>,
}

impl DavResponse {
    /// The found property `{ns}name`.
    pub fn prop(&self, ns: &str, name: &str) -> Option<&Element> {
        self.props.iter().find(|p| p.is(ns, name))
    }

    /// The text of the found property `{ns}name`, trimmed.
    pub fn text(&self, ns: &str, name: &str) -> Option<String> {
        self.prop(ns, name)
            .map(|p| p.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }
}

/// A multistatus: its responses, and the `DAV:sync-token` of a sync-collection report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multistatus {
    /// The responses in order.
    pub responses: Vec<DavResponse>,
    /// The new sync token (RFC 6578).
    pub sync_token: Option<String>,
}

/// Reads `HTTP/1.1 404 Not Found` as 404.
fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Parses a `DAV:multistatus` document.
///
/// # Errors
/// A description when it is not XML or not a multistatus.
pub fn multistatus(text: &str) -> Result<Multistatus, String> {
    let root = parse(text)?;
    if !root.is(DAV, "multistatus") {
        return Err(format!(
            "expected a DAV:multistatus, found {{{}}}{}",
            root.ns, root.name
        ));
    }
    let mut responses = Vec::new();
    for r in root.children_named(DAV, "response") {
        let href = r
            .child(DAV, "href")
            .map(|h| h.text.trim().to_string())
            .filter(|h| !h.is_empty())
            .ok_or("a response without an href")?;
        let status = r.child(DAV, "status").and_then(|s| status_code(&s.text));
        let mut props = Vec::new();
        for ps in r.children_named(DAV, "propstat") {
            let ok = ps
                .child(DAV, "status")
                .and_then(|s| status_code(&s.text))
                .is_some_and(|c| (200..300).contains(&c));
            if let (true, Some(prop)) = (ok, ps.child(DAV, "prop")) {
                props.extend(prop.children.iter().cloned());
            }
        }
        responses.push(DavResponse {
            href,
            status,
            props,
        });
    }
    let sync_token = root
        .child(DAV, "sync-token")
        .map(|t| t.text.trim().to_string())
        .filter(|t| !t.is_empty());
    Ok(Multistatus {
        responses,
        sync_token,
    })
}

/// Escapes text for an XML body.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// A PROPFIND body asking for `props` (each `"D:name"`, `"C:name"`, `"A:name"` or
/// `"CS:name"`).
pub fn propfind(props: &[&str]) -> String {
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/" xmlns:CS="http://calendarserver.org/ns/"><D:prop>"#,
    );
    for p in props {
        body.push('<');
        body.push_str(p);
        body.push_str("/>");
    }
    body.push_str("</D:prop></D:propfind>");
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_resolved_by_namespace_not_prefix() {
        let doc = r#"<?xml version="1.0"?>
<x:multistatus xmlns:x="DAV:" xmlns="urn:ietf:params:xml:ns:caldav">
  <x:response><x:href>/cal/a%40b.ics</x:href>
    <x:propstat><x:prop><x:getetag>"1"</x:getetag><calendar-data>BEGIN:VCALENDAR&#13;
A &amp; B</calendar-data></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat>
    <x:propstat><x:prop><x:displayname/></x:prop><x:status>HTTP/1.1 404 Not Found</x:status></x:propstat>
  </x:response>
  <x:response><x:href>/cal/gone.ics</x:href><x:status>HTTP/1.1 404 Not Found</x:status></x:response>
  <x:sync-token>tok-2</x:sync-token>
</x:multistatus>"#;
        let ms = multistatus(doc).expect("a multistatus");
        assert_eq!(ms.responses.len(), 2);
        let a = &ms.responses[0];
        assert_eq!(a.href, "/cal/a%40b.ics");
        assert_eq!(a.text(DAV, "getetag").as_deref(), Some("\"1\""));
        assert_eq!(
            a.prop(CALDAV, "calendar-data").map(|p| p.text.as_str()),
            Some("BEGIN:VCALENDAR\r\nA & B"),
            "entities and character references resolved"
        );
        assert!(a.prop(DAV, "displayname").is_none(), "404 props left out");
        assert_eq!(ms.responses[1].status, Some(404));
        assert_eq!(ms.sync_token.as_deref(), Some("tok-2"));
    }

    #[test]
    fn an_element_in_another_namespace_is_not_the_one_asked_for() {
        let doc = r#"<multistatus xmlns="urn:example"><response/></multistatus>"#;
        assert!(multistatus(doc).is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for doc in [
            "",
            "<html><body>Welcome",
            "not xml at all",
            "<a:b>",
            "<D:multistatus xmlns:D=\"DAV:\"></D:response>",
        ] {
            assert!(multistatus(doc).is_err(), "{doc:?} should be refused");
        }
    }
}
