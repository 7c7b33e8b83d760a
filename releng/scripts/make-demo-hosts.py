#!/usr/bin/env python3
"""Writes the embedded demo: libvirt test-driver host files in bundles/org.hostdeck.app/demo/.
HostDeck opens them as test:///<file> when started without --host: real libvirt hosts, in-process.
usage: python3 releng/scripts/make-demo-hosts.py"""
import os
import uuid

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bundles", "org.hostdeck.app", "demo")

# name, sockets, cores/socket, threads/core, MHz, memory GiB, networks, vms: (name, vcpus, MiB, running, net, disk GiB)
HOSTS = [
    ("hv-prague", 2, 16, 2, 2900, 512, [("public", "br0", "10.10.0.1"), ("backup", "br-backup", "10.20.0.1"), ("heartbeat", "br-hb", "10.30.0.1")],
     [("web-%02d" % i, 2, 2048, i != 6, "public", 20) for i in range(1, 7)]
     + [("db-%02d" % i, 8, 32768, True, "public", 200) for i in range(1, 4)]
     + [("cache-%02d" % i, 2, 8192, True, "public", 10) for i in range(1, 4)]
     + [("ci-runner-%02d" % i, 4, 8192, i <= 5, "public", 60) for i in range(1, 9)]
     + [("mail", 2, 4096, True, "public", 50), ("backup-agent", 1, 1024, True, "backup", 10),
        ("monitoring", 2, 4096, True, "public", 40), ("win-build", 4, 16384, False, "public", 120)]),
    ("hv-brno", 2, 8, 2, 2400, 256, [("public", "br0", "10.11.0.1"), ("replication", "br-repl", "10.40.0.1")],
     [("app-%02d" % i, 4, 8192, i % 4 != 0, "public", 40) for i in range(1, 9)]
     + [("db-replica-%02d" % i, 8, 32768, True, "replication", 200) for i in range(1, 3)]
     + [("ldap", 1, 2048, True, "public", 10), ("dns-01", 1, 1024, True, "public", 5), ("dns-02", 1, 1024, True, "public", 5),
        ("staging", 4, 8192, False, "public", 80)]),
    ("hv-lab", 1, 8, 2, 3200, 64, [("lab", "br-lab", "192.168.50.1")],
     [("test-debian-12", 2, 2048, True, "lab", 20), ("test-rocky-9", 2, 2048, False, "lab", 20),
      ("test-freebsd-14", 1, 1024, False, "lab", 10), ("k8s-node-1", 4, 8192, True, "lab", 40),
      ("k8s-node-2", 4, 8192, True, "lab", 40), ("scratch", 1, 512, False, "lab", 5)]),
]


# the hosts' physical NICs: name, Mbit/s (HA heartbeat, replication and backup share them with VM traffic)
NICS = {"hv-prague": [("eno1", 10000), ("eno2", 10000), ("eno3", 1000)],
        "hv-brno": [("eno1", 10000), ("eno2", 1000)],
        "hv-lab": [("enp3s0", 1000)]}


def host_xml(name, sockets, cores, threads, mhz, mem_gib, networks, vms):
    cpus = sockets * cores * threads
    out = ["<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>",
           f"  <cpu><mhz>{mhz}</mhz><model>x86_64</model><active>{cpus}</active><max>{cpus}</max>"
           f"<nodes>1</nodes><sockets>{sockets}</sockets><cores>{cores}</cores><threads>{threads}</threads></cpu>",
           f"  <memory>{mem_gib * 1024 * 1024}</memory>"]
    for index, (nic, speed) in enumerate(NICS[name]):
        h = uuid.uuid5(uuid.NAMESPACE_DNS, f"{nic}.{name}.demo.hostdeck").bytes
        out.append(f"  <interface type='ethernet' name='{nic}'><start mode='onboot'/>"
                   f"<mac address='3c:ec:ef:{h[0]:02x}:{h[1]:02x}:{index:02x}'/><link speed='{speed}' state='up'/></interface>")
    for net, bridge, gw in networks:
        out.append(f"  <network><name>{net}</name><bridge name='{bridge}'/><forward mode='nat'/>"
                   f"<ip address='{gw}' netmask='255.255.255.0'/></network>")
    out.append("  <pool type='dir'><name>images</name><target><path>/var/lib/libvirt/images</path></target>")
    for vm, _, _, _, _, disk in vms:
        out.append(f"    <volume><name>{vm}.qcow2</name><capacity unit='GiB'>{disk}</capacity>"
                   f"<allocation unit='GiB'>{max(1, disk // 3)}</allocation>"
                   f"<target><path>/var/lib/libvirt/images/{vm}.qcow2</path><format type='qcow2'/></target></volume>")
    out.append("  </pool>")
    out.append("  <pool type='dir'><name>iso</name><target><path>/var/lib/libvirt/iso</path></target>")
    out.append("    <volume><name>debian-12.8-amd64-netinst.iso</name><capacity unit='MiB'>631</capacity>"
               "<allocation unit='MiB'>631</allocation><target><path>/var/lib/libvirt/iso/debian-12.8-amd64-netinst.iso</path>"
               "<format type='raw'/></target></volume>")
    out.append("  </pool>")
    for index, (vm, vcpus, mib, running, net, _) in enumerate(vms):
        # a console per VM: VNC (SPICE for Windows), its port fixed while running, assigned at start when off
        kind = "spice" if vm.startswith("win") else "vnc"
        port = f"port='{5900 + index}' autoport='no'" if running else "port='-1' autoport='yes'"
        graphics = f"      <graphics type='{kind}' {port} listen='{'0.0.0.0' if kind == 'spice' else '127.0.0.1'}'/>"
        u = uuid.uuid5(uuid.NAMESPACE_DNS, f"{vm}.{name}.demo.hostdeck")
        mac = "52:54:00:%02x:%02x:%02x" % (u.bytes[0], u.bytes[1], u.bytes[2])
        out += [f"  <domain type='test'>",
                f"    <name>{vm}</name><uuid>{u}</uuid>",
                f"    <memory unit='MiB'>{mib}</memory><currentMemory unit='MiB'>{mib}</currentMemory><vcpu>{vcpus}</vcpu>",
                "    <os><type arch='x86_64'>hvm</type></os>",
                "    <devices>",
                f"      <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                f"<source file='/var/lib/libvirt/images/{vm}.qcow2'/><target dev='vda' bus='virtio'/></disk>",
                f"      <interface type='network'><mac address='{mac}'/><source network='{net}'/><model type='virtio'/></interface>",
                graphics,
                "    </devices>"]
        if not running:
            out.append("    <test:runstate>5</test:runstate>")
        out.append("  </domain>")
    out.append("</node>")
    return "\n".join(out) + "\n"


os.makedirs(OUT, exist_ok=True)
for h in HOSTS:
    path = os.path.join(OUT, h[0] + ".xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(host_xml(*h))
    print(path, len(h[7]), "VMs")
