#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP connection over BSD sockets: connect with a timeout, send everything, receive
/// with a timeout. Thread-safe for one reader and one writer at a time (the client serialises sends).
final class TCPSocket: @unchecked Sendable {
    private let fd: Int32

    /// Resolves `host` (name or IPv4/IPv6 literal) and connects within `timeout` seconds.
    init(host: String, port: UInt16, timeout: Double) throws(MQTTError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else { throw .io("cannot resolve \(host)") }
        defer { freeaddrinfo(list) }
        var lastError = "no address for \(host)"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let ai = node {
            node = ai.pointee.ai_next
            let s = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            if s < 0 { continue }
            if TCPSocket.connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen, timeout) {
                var one: Int32 = 1
                setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                fd = s
                return
            }
            lastError = "connect to \(host):\(port) failed: \(String(cString: strerror(errno)))"
            TCPSocket.closeDescriptor(s)
        }
        throw .io(lastError)
    }

    private static func connect(_ s: Int32, _ addr: UnsafeMutablePointer<sockaddr>?, _ len: socklen_t, _ timeout: Double) -> Bool {
        let flags = fcntl(s, F_GETFL, 0)
        _ = fcntl(s, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(s, F_SETFL, flags) }
        #if canImport(Glibc)
        let r = Glibc.connect(s, addr, len)
        #else
        let r = Darwin.connect(s, addr, len)
        #endif
        if r == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var p = pollfd(fd: s, events: Int16(POLLOUT), revents: 0)
        guard poll(&p, 1, Int32(timeout * 1000)) == 1 else { errno = ETIMEDOUT; return false }
        var err: Int32 = 0
        var len = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len)
        if err != 0 { errno = err; return false }
        return true
    }

    /// Writes all of `bytes` or throws.
    func send(_ bytes: [UInt8]) throws(MQTTError) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                #if canImport(Glibc)
                Glibc.send(fd, buf.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
                #else
                Darwin.send(fd, buf.baseAddress! + sent, bytes.count - sent, 0)
                #endif
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .io("send failed: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    /// Waits up to `timeout` seconds for data: returns the bytes read, `[]` on timeout, throws
    /// when the peer closed or the socket failed.
    func receive(timeout: Double) throws(MQTTError) -> [UInt8] {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&p, 1, Int32(timeout * 1000))
        if ready == 0 || (ready < 0 && errno == EINTR) { return [] }
        guard ready > 0 else { throw .io("poll failed") }
        var buffer = [UInt8](repeating: 0, count: 16384)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return [] }
        guard n > 0 else { throw .io(n == 0 ? "connection closed by broker" : "receive failed: \(String(cString: strerror(errno)))") }
        return Array(buffer[0..<n])
    }

    /// Shuts the connection down (idempotent); a blocked `receive` wakes with an error. The
    /// descriptor itself is closed in `deinit`, so no other thread can see it reused.
    func close() { shutdown(fd, Int32(SHUT_RDWR)) }

    private static func closeDescriptor(_ s: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(s)
        #else
        _ = Darwin.close(s)
        #endif
    }

    deinit { shutdown(fd, Int32(SHUT_RDWR)); TCPSocket.closeDescriptor(fd) }
}
