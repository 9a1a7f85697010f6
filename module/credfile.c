// SPDX-License-Identifier: GPL-2.0
/*
 * The credential file: how ACCEPT hands a request's credentials to the
 * daemon that accepted it.
 *
 * Private keys and PSKs do not travel in a netlink message: genetlink and
 * the socket layer free message buffers without zeroizing them, and a reply
 * may be copied on its way (trimmed, or cloned to a tap). Instead ACCEPT
 * renders the credentials once, as a sequence of KTLSCTL_A_REQUEST_CRED
 * attributes, into a buffer that only a read-only anonymous file owns. The
 * file goes into the daemon's table beside the socket; the daemon reads it
 * to its end and closes it, and the buffer is zeroized when the last
 * reference to the file goes, whether the daemon closed it or died. The
 * format also lifts the size limit of one netlink message from what a
 * request may carry.
 */
#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "ktlsctl-priv.h"

/**
 * struct ktlsctl_credfile - the contents of one credential file
 * @len: bytes used in @data
 * @size: bytes allocated for @data
 * @data: KTLSCTL_A_REQUEST_CRED attributes, netlink attribute format
 */
struct ktlsctl_credfile {
	size_t len;
	size_t size;
	u8 data[];
};

static const u16 ktlsctl_credfile_blob_attr[] = {
	[KTLSCTL_BLOB_CERT] = KTLSCTL_A_CRED_CERT,
	[KTLSCTL_BLOB_KEY] = KTLSCTL_A_CRED_KEY,
	[KTLSCTL_BLOB_CA] = KTLSCTL_A_CRED_CA,
	[KTLSCTL_BLOB_PSK_IDENTITY] = KTLSCTL_A_CRED_PSK_IDENTITY,
	[KTLSCTL_BLOB_PSK_SECRET] = KTLSCTL_A_CRED_PSK_SECRET,
	[KTLSCTL_BLOB_CRL] = KTLSCTL_A_CRED_CRL,
};

static size_t ktlsctl_credfile_size(const struct ktlsctl_req *req)
{
	size_t size = 0;
	unsigned int i, j;

	for (i = 0; i < req->num_creds; i++) {
		const struct ktlsctl_req_cred *cred = &req->creds[i];

		size += nla_total_size(0) + 2 * nla_total_size(sizeof(u32));
		if (cred->name)
			size += nla_total_size(strlen(cred->name) + 1);
		for (j = 0; j < ARRAY_SIZE(cred->blob); j++)
			if (cred->blob[j])
				size += nla_total_size(cred->len[j]);
	}
	return size;
}

/* Appends one attribute; the size was computed beforehand. */
static struct nlattr *ktlsctl_credfile_put(struct ktlsctl_credfile *cf,
					   u16 type, const void *data,
					   size_t len)
{
	struct nlattr *nla = (struct nlattr *)(cf->data + cf->len);

	if (WARN_ON_ONCE(cf->len + nla_total_size(len) > cf->size))
		return NULL;
	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	if (len)
		memcpy(nla_data(nla), data, len);
	memset((u8 *)nla_data(nla) + len, 0, nla_padlen(len));
	cf->len += nla_total_size(len);
	return nla;
}

static int ktlsctl_credfile_put_cred(struct ktlsctl_credfile *cf,
				     const struct ktlsctl_req_cred *cred)
{
	u32 hash = cred->psk_hash;
	struct nlattr *nest;
	unsigned int i;

	nest = ktlsctl_credfile_put(cf, KTLSCTL_A_REQUEST_CRED | NLA_F_NESTED,
				    NULL, 0);
	if (!nest)
		return -EMSGSIZE;
	if (cred->name &&
	    !ktlsctl_credfile_put(cf, KTLSCTL_A_CRED_NAME, cred->name,
				  strlen(cred->name) + 1))
		return -EMSGSIZE;
	if (!ktlsctl_credfile_put(cf, KTLSCTL_A_CRED_TYPE, &cred->type,
				  sizeof(cred->type)) ||
	    (hash && !ktlsctl_credfile_put(cf, KTLSCTL_A_CRED_PSK_HASH, &hash,
					   sizeof(hash))))
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(cred->blob); i++)
		if (cred->blob[i] &&
		    !ktlsctl_credfile_put(cf, ktlsctl_credfile_blob_attr[i],
					  cred->blob[i], cred->len[i]))
			return -EMSGSIZE;
	nest->nla_len = (u8 *)(cf->data + cf->len) - (u8 *)nest;
	return 0;
}

static void ktlsctl_credfile_free(struct ktlsctl_credfile *cf)
{
	kvfree_sensitive(cf, struct_size(cf, data, cf->size));
}

static ssize_t ktlsctl_credfile_read(struct file *file, char __user *buf,
				     size_t count, loff_t *pos)
{
	struct ktlsctl_credfile *cf = file->private_data;

	return simple_read_from_buffer(buf, count, pos, cf->data, cf->len);
}

static int ktlsctl_credfile_release(struct inode *inode, struct file *file)
{
	ktlsctl_credfile_free(file->private_data);
	return 0;
}

static const struct file_operations ktlsctl_credfile_fops = {
	.owner = THIS_MODULE,
	.read = ktlsctl_credfile_read,
	.release = ktlsctl_credfile_release,
};

/**
 * ktlsctl_credfile_open - render @req's credentials into a new file
 * @req: an accepted request with at least one credential
 * @len: set to the file's length
 *
 * Return: the file (read-only, one reference, not yet in any file table),
 * or ERR_PTR(-ENOMEM) or ERR_PTR(-EMSGSIZE). Every path zeroizes what it
 * allocated.
 */
struct file *ktlsctl_credfile_open(const struct ktlsctl_req *req, u32 *len)
{
	size_t size = ktlsctl_credfile_size(req);
	struct ktlsctl_credfile *cf;
	struct file *file;
	unsigned int i;
	int err;

	cf = kvzalloc(struct_size(cf, data, size), GFP_KERNEL_ACCOUNT);
	if (!cf)
		return ERR_PTR(-ENOMEM);
	cf->size = size;
	for (i = 0; i < req->num_creds; i++) {
		err = ktlsctl_credfile_put_cred(cf, &req->creds[i]);
		if (err)
			goto out_free;
	}
	file = anon_inode_getfile("[ktlsctl-creds]", &ktlsctl_credfile_fops,
				  cf, O_RDONLY);
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto out_free;
	}
	*len = cf->len;
	return file;

out_free:
	ktlsctl_credfile_free(cf);
	return ERR_PTR(err);
}
