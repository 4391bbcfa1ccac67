//! Tiny HTTP servers on loopback for the cases a real CalDAV server will not show:
//! each connection gets one answer from a closure and is closed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the tiny server saw of a request.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `GET`, `PROPFIND`, ...
    pub method: String,
    /// The path.
    pub path: String,
    /// Headers, names lower case.
    pub headers: Vec<(String, String)>,
    /// The body, as text.
    pub body: String,
}

impl Seen {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A running tiny server: its address and how many requests it answered.
pub struct Tiny {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// Requests answered so far.
    pub count: Arc<AtomicUsize>,
}

fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    let mut parts = first.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Serves every connection with `answer(request) -> raw HTTP response bytes`.
pub fn serve<F>(answer: F) -> Tiny
where
    F: Fn(&Seen) -> Vec<u8> + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            if let Some(request) = read_request(&mut stream) {
                let reply = answer(&request);
                seen.fetch_add(1, Ordering::SeqCst);
                let _ = stream.write_all(&reply);
                let _ = stream.flush();
            }
        }
    });
    Tiny { base, count }
}

/// A raw HTTP/1.1 response with a body and extra headers.
pub fn response(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

/// A listener that accepts connections and never answers (the thread holds them).
pub fn silent() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    base
}

/// A proxy to `target` (`127.0.0.1:PORT`) that forwards the first `live` connections
/// and then closes every new one at once: the server going away mid-way.
pub fn dying_proxy(target: u16, live: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(client) = stream else { continue };
            if n >= live {
                drop(client);
                continue;
            }
            let Ok(server) = TcpStream::connect(("127.0.0.1", target)) else {
                continue;
            };
            let (mut c_read, mut s_write) =
                (client.try_clone().unwrap(), server.try_clone().unwrap());
            let (mut s_read, mut c_write) = (server, client);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c_read, &mut s_write);
                let _ = s_write.shutdown(std::net::Shutdown::Write);
            });
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_read, &mut c_write);
                let _ = c_write.shutdown(std::net::Shutdown::Write);
            });
        }
    });
    base
}

/// A proxy that reads HTTP: every request it forwards is recorded, after `rewrite` may
/// have changed its body (a server that lacks a property, say).
pub struct Recorder {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Recorder {
    /// The requests forwarded since the last call, in the order they came.
    pub fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.seen.lock().expect("the record"))
    }
}

/// A proxy to `target` (`127.0.0.1:PORT`), one request per connection (the answers say
/// `Connection: close`), recording each request as forwarded (`rewrite(request)` gives
/// a new body, or `None` to keep it).
pub fn recording_proxy(target: u16, rewrite: fn(&Seen) -> Option<String>) -> Recorder {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let record = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut client) = stream else { continue };
            let record = record.clone();
            std::thread::spawn(move || {
                let _ = client.set_read_timeout(Some(Duration::from_secs(30)));
                let Some(mut request) = read_request(&mut client) else {
                    return;
                };
                if let Some(body) = rewrite(&request) {
                    request.body = body;
                }
                let Some(answer) = forward(target, &request) else {
                    return;
                };
                record.lock().expect("the record").push(request);
                let _ = client.write_all(&answer);
                let _ = client.flush();
            });
        }
    });
    Recorder { base, seen }
}

/// Sends `request` to `target` and returns its answer with `Connection: close`.
fn forward(target: u16, request: &Seen) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(("127.0.0.1", target)).ok()?;
    let mut out = format!("{} {} HTTP/1.1\r\n", request.method, request.path);
    for (k, v) in &request.headers {
        if k != "connection" && k != "content-length" {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    out.push_str(&format!(
        "connection: close\r\ncontent-length: {}\r\n\r\n{}",
        request.body.len(),
        request.body
    ));
    server.write_all(out.as_bytes()).ok()?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).ok()?;
    let split = answer.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines: Vec<&str> = head
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    lines.push("Connection: close");
    let mut reply = lines.join("\r\n").into_bytes();
    reply.extend_from_slice(&answer[split..]);
    Some(reply)
}
