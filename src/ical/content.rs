//! The lenient content-line reader: unfolds lines, splits each into name, parameters and
//! value, and builds the tree of components, remembering the line where each starts.
//!
//! It never fails. Junk lines (no colon, bad names, broken quotes) are left out and
//! counted in [`Document::junk_lines`]; components that are never closed are closed at
//! the end of the text, as clients do with a truncated download.

/// One property line after unfolding: `NAME;PARAM=VALUE:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The property name, upper-cased (`DTSTART`).
    pub name: String,
    /// Parameters in order, names upper-cased, values without their quotes.
    pub params: Vec<(String, String)>,
    /// The raw value after the first unquoted colon (still TEXT-escaped).
    pub value: String,
    /// The 1-based line number of the first physical line of this property.
    pub line: usize,
}

impl Property {
    /// The value of the first parameter called `name` (upper-case), if any.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A component (`VEVENT`, `VTIMEZONE`, `STANDARD`, …) with its properties and children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Component {
    /// The component name, upper-cased.
    pub name: String,
    /// The 1-based line of its `BEGIN:` line.
    pub line: usize,
    /// Its properties in file order.
    pub props: Vec<Property>,
    /// Nested components in file order.
    pub children: Vec<Component>,
}

impl Component {
    /// The first property called `name` (upper-case), if any.
    pub fn prop(&self, name: &str) -> Option<&Property> {
        self.props.iter().find(|p| p.name == name)
    }

    /// Every property called `name` (upper-case).
    pub fn props_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// What the reader found in a text: the top-level components (normally `VCALENDAR`s).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Top-level components in file order.
    pub roots: Vec<Component>,
    /// Lines that could not be read as a property and were left out.
    pub junk_lines: Vec<usize>,
    /// Components still open at the end of the text (closed there), by BEGIN line.
    pub unclosed: Vec<usize>,
}

/// Reads `text` into a [`Document`]. Accepts CRLF, LF or CR line ends, space or tab
/// continuation lines, lower-case names and a UTF-8 byte-order mark.
pub fn read(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut doc = Document::default();
    let mut stack: Vec<Component> = Vec::new();
    for (line_no, logical) in unfold(text) {
        let Some(prop) = parse_line(&logical, line_no) else {
            if !logical.trim().is_empty() {
                doc.junk_lines.push(line_no);
            }
            continue;
        };
        match prop.name.as_str() {
            "BEGIN" => stack.push(Component {
                name: prop.value.trim().to_ascii_uppercase(),
                line: line_no,
                ..Component::default()
            }),
            "END" => {
                let name = prop.value.trim().to_ascii_uppercase();
                // Close up to the matching BEGIN; an END with no BEGIN is junk.
                if let Some(pos) = stack.iter().rposition(|c| c.name == name) {
                    while stack.len() > pos {
                        let Some(done) = stack.pop() else { break };
                        if stack.len() > pos {
                            doc.unclosed.push(done.line);
                        }
                        attach(&mut stack, &mut doc.roots, done);
                    }
                } else {
                    doc.junk_lines.push(line_no);
                }
            }
            _ => match stack.last_mut() {
                Some(top) => top.props.push(prop),
                None => doc.junk_lines.push(line_no),
            },
        }
    }
    while let Some(done) = stack.pop() {
        doc.unclosed.push(done.line);
        attach(&mut stack, &mut doc.roots, done);
    }
    doc
}

fn attach(stack: &mut [Component], roots: &mut Vec<Component>, done: Component) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(done),
        None => roots.push(done),
    }
}

/// Splits into logical lines (continuations joined), each with its first line number.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut line_no = 0;
    // Split on LF; a CR before it is dropped; lone CRs also end lines.
    for raw in text.split('\n') {
        for (i, piece) in raw.split('\r').enumerate() {
            if i > 0 && piece.is_empty() {
                continue; // the CR of a CRLF
            }
            line_no += 1;
            if let Some(rest) = piece.strip_prefix([' ', '\t']) {
                if let Some(last) = out.last_mut() {
                    last.1.push_str(rest);
                    continue;
                }
            }
            out.push((line_no, piece.to_string()));
        }
    }
    out
}

/// Parses one logical line; `None` when it is not a property line.
fn parse_line(line: &str, line_no: usize) -> Option<Property> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == 0 || i >= bytes.len() {
        return None;
    }
    let name = line[..i].to_ascii_uppercase();
    let mut params = Vec::new();
    while bytes[i] == b';' {
        i += 1;
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] != b'=' {
            return None;
        }
        let pname = line[start..i].to_ascii_uppercase();
        i += 1;
        let mut values: Vec<String> = Vec::new();
        loop {
            if i < bytes.len() && bytes[i] == b'"' {
                let close = line[i + 1..].find('"')? + i + 1;
                values.push(line[i + 1..close].to_string());
                i = close + 1;
            } else {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b';' | b':' | b',' | b'"') {
                    i += 1;
                }
                values.push(line[start..i].to_string());
            }
            if i < bytes.len() && bytes[i] == b',' {
                i += 1;
                continue;
            }
            break;
        }
        params.push((pname, values.join(",")));
        if i >= bytes.len() {
            return None;
        }
    }
    if bytes[i] != b':' {
        return None;
    }
    Some(Property {
        name,
        params,
        value: line[i + 1..].to_string(),
        line: line_no,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_folded_crlf_lines_with_line_numbers() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Hello\r\n  world\r\n\
                    ATTENDEE;CN=\"Doe, J: x\";ROLE=CHAIR:mailto:a@b.c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let doc = read(text);
        assert_eq!(doc.roots.len(), 1, "one calendar");
        let ev = &doc.roots[0].children[0];
        assert_eq!(ev.name, "VEVENT", "nested component");
        assert_eq!(ev.line, 2, "BEGIN line");
        let summary = ev.prop("SUMMARY").expect("summary");
        assert_eq!(summary.value, "Hello world", "unfolded by one space");
        assert_eq!(summary.line, 3, "first physical line");
        let att = ev.prop("ATTENDEE").expect("attendee");
        assert_eq!(att.line, 5, "line counted past the fold");
        assert_eq!(att.param("CN"), Some("Doe, J: x"), "quoted parameter");
        assert_eq!(att.param("ROLE"), Some("CHAIR"), "second parameter");
        assert_eq!(att.value, "mailto:a@b.c", "value keeps its colons");
    }

    #[test]
    fn lenient_with_junk_lowercase_and_truncation() {
        let cases: &[(&str, usize, usize, usize)] = &[
            // text, events found, junk lines, unclosed
            (
                "begin:vcalendar\nbegin:vevent\ndtstart:20240101\nend:vevent\nend:vcalendar\n",
                1,
                0,
                0,
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDear Team,\nEND:VEVENT\n",
                1,
                1,
                1,
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"broken:2020\nEND:VCALENDAR\n",
                1,
                1,
                1,
            ),
            (
                "\u{feff}BEGIN:VCALENDAR\rBEGIN:VEVENT\rEND:VEVENT\rEND:VCALENDAR",
                1,
                0,
                0,
            ),
            ("END:VEVENT\nGARBAGE\n", 0, 2, 0),
        ];
        for (text, events, junk, unclosed) in cases {
            let doc = read(text);
            let n: usize = doc.roots.iter().map(|c| c.children.len()).sum();
            assert_eq!(n, *events, "events in {text:?}");
            assert_eq!(doc.junk_lines.len(), *junk, "junk lines in {text:?}");
            assert_eq!(doc.unclosed.len(), *unclosed, "unclosed in {text:?}");
        }
    }
}
