import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import SmeltFleet

/// A scripted one-connection-at-a-time MQTT peer on 127.0.0.1 for client tests: records every
/// packet the client sends and answers through `respond` (which may also drop the connection).
final class FakeBroker: @unchecked Sendable {
    enum Action { case send(MQTTPacket), hangUp }
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var _received: [(connection: Int, packet: MQTTPacket, at: Date)] = []
    private var connections = 0
    private var stopped = false
    let respond: @Sendable (_ connection: Int, _ packet: MQTTPacket) -> [Action]

    init(respond: @escaping @Sendable (Int, MQTTPacket) -> [Action]) throws {
        self.respond = respond
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        listener = fd
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard ok else { throw MQTTError.io("fake broker cannot listen") }
        port = UInt16(bigEndian: addr.sin_port)
        let t = Thread { [self] in acceptLoop() }
        t.start()
    }

    var received: [(connection: Int, packet: MQTTPacket, at: Date)] { lock.withLock { _received } }
    var connectionCount: Int { lock.withLock { connections } }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !lock.withLock({ stopped }) {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            let n = lock.withLock { connections += 1; return connections }
            serve(fd, n)
            close(fd)
        }
    }

    private func serve(_ fd: Int32, _ n: Int) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let r = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if r <= 0 { return }
            buffer += chunk[0..<r]
            while let frame = try? PacketDecoder.nextFrame(&buffer), let packet = try? PacketDecoder.decode(frame) {
                lock.withLock { _received.append((n, packet, Date())) }
                for action in respond(n, packet) {
                    switch action {
                    case .send(let p):
                        let bytes = try! p.encode()
                        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    case .hangUp:
                        shutdown(fd, Int32(SHUT_RDWR))
                        return
                    }
                }
            }
        }
    }
}
